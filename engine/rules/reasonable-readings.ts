import type { LoadedSpec } from '../spec/spec-loader.ts';
import type { RequestDocument } from '../request/request-document.ts';
import type { Requirement } from '../spec/requirement-model.ts';
import type { WorldData } from '../world/world-from-data.ts';
import { ambiguityOf, describeAmbiguity } from '../spec/document-ambiguities.ts';
import { resolvePointer } from '../request/json-pointer.ts';
import { requestBodySchema } from '../schema/schema-locations.ts';
import { requestSchemaViolations, type RequestViolation } from './request-failures.ts';
import { requirementById } from '../spec/spec-loader.ts';
import { evaluateRequestRules, evaluateRequirement, someRequestRuleIs, type RuleJudgement, type RuleOutcome } from './rule-evaluator.ts';
import { conditionHolds } from './rule-conditions.ts';
import { worldOf } from '../world/world-of-spec.ts';
import type { World } from '../world/world.ts';
import type { JsonSchemaNode } from '../schema/json-schema-node.ts';

/**
 * The documents can be read more than one reasonable way, and a verdict must hold under each
 * (README, "Verdicts"). Two readings are computed for every request:
 * - the literal one: the spec as written (a string "7" is not an integer);
 * - the lenient one, which a conforming server may just as well follow: a numeric string read
 *   as its number where a number is expected, "true"/"yes"/"on"… as booleans where a boolean
 *   is expected, `null` read as a field not given, an empty list in an optional field read as
 *   not given, a field the document says is ignored left out, and what the documents' own
 *   examples send tolerated (each requirement's `tolerated`, the errata behind them).
 * A request breaks a requirement *firmly* when both readings say so; when one reading only does,
 * the breach is *ambiguous*: such a request is neither a fair valid case nor a fair invalid one.
 */

const TRUE_WORDS = new Set(['t', 'true', 'on', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'off', 'n', 'no', '0']);

function typesOf(node: JsonSchemaNode | undefined): string[] {
  const type = node?.type;
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string');
  return typeof type === 'string' ? [type] : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string read as the number or boolean the schema expects there, when it spells one. */
function coercedScalar(types: string[], value: string): unknown {
  if (types.includes('string')) return value;
  if (types.includes('integer') && /^-?[0-9]+$/.test(value)) return Number(value);
  if (types.includes('number') && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
  const word = value.toLowerCase();
  if (types.includes('boolean') && (TRUE_WORDS.has(word) || FALSE_WORDS.has(word))) return TRUE_WORDS.has(word);
  return value;
}

function childSchema(node: JsonSchemaNode | undefined, key: string): JsonSchemaNode | undefined {
  const declared = (node?.properties as Record<string, JsonSchemaNode> | undefined)?.[key];
  if (declared) return declared;
  return isPlainObject(node?.additionalProperties) ? (node?.additionalProperties as JsonSchemaNode) : undefined;
}

/** An optional list given empty where the schema allows an empty list: a server may read it as not given. */
function isEmptyOptionalList(node: JsonSchemaNode | undefined, key: string, value: unknown): boolean {
  const required = (node?.required as string[] | undefined) ?? [];
  const child = childSchema(node, key);
  const minItems = Number(child?.minItems ?? 0);
  return Array.isArray(value) && value.length === 0 && typesOf(child).includes('array') && !required.includes(key) && minItems === 0;
}

/** The value as the lenient reading sees it; the value itself (not a copy) where that reading changes nothing in it. */
function readValueLeniently(node: JsonSchemaNode | undefined, value: unknown): unknown {
  if (typeof value === 'string') return coercedScalar(typesOf(node), value);
  if (Array.isArray(value)) {
    const read = value.map((item) => readValueLeniently(node?.items as JsonSchemaNode | undefined, item));
    return read.every((item, index) => item === value[index]) ? value : read;
  }
  if (!isPlainObject(value)) return value;
  const read: Record<string, unknown> = {};
  // A copy is a plain object: anything else (or a member the copy would take as its prototype) reads as changed.
  let changed = Object.getPrototypeOf(value) !== Object.prototype;
  for (const [key, item] of Object.entries(value)) {
    if (item === null || isEmptyOptionalList(node, key, item)) {
      changed = true;
      continue;
    }
    read[key] = readValueLeniently(childSchema(node, key), item);
    changed ||= read[key] !== item || key === '__proto__';
  }
  return changed ? read : value;
}

/** A JSON value without its null object members, at any depth: null read as "not given". */
export function withoutNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (!isPlainObject(value)) return value;
  // Member by member into a new object (no entry lists: every generated request goes through here).
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === null) continue;
    // A member named __proto__ is an own member of the copy, as Object.fromEntries would make it, not its prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: withoutNullMembers(item), writable: true, enumerable: true, configurable: true });
    else copy[key] = withoutNullMembers(item);
  }
  return copy;
}

/** The request as the lenient reading sees it (only the body differs: paths and headers are text either way); the very same body where it reads it as sent. */
export function lenientReading(spec: LoadedSpec, request: RequestDocument): RequestDocument {
  const schema = requestBodySchema(spec);
  return { ...request, body: readValueLeniently(schema, request.body) };
}

/** Why a requirement is broken under one reading only. */
export interface Ambiguous {
  requirementId: string;
  why: string;
}

export interface RequestJudgement {
  /** Broken under every reading: a conforming server must refuse the request. */
  broken: string[];
  /** Broken under one reading only. */
  ambiguous: Ambiguous[];
  /** Rules the world from the fixtures cannot decide (a fixture is missing). */
  undecided: RuleJudgement[];
  /** Pointers of the `null` values in the body: a server may read null as "not given" or refuse it. */
  nulls: string[];
}

function nullPointers(value: unknown, pointer = '/body'): string[] {
  if (value === null) return [pointer];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullPointers(item, `${pointer}/${index}`));
  if (isPlainObject(value))
    return Object.entries(value).flatMap(([key, item]) => nullPointers(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [];
}

/** Is there a null anywhere in the value (where nullPointers would find one), found without writing any pointer? */
function holdsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(holdsNull);
  return isPlainObject(value) && Object.values(value).some(holdsNull);
}

/** Why the lenient reading lets a schema violation through (undefined: it does not). */
function lenientExcuse(spec: LoadedSpec, request: RequestDocument, { violation, root }: RequestViolation): string | undefined {
  const requirement = violation.requirementId ? requirementById(spec, violation.requirementId) : undefined;
  if (requirement?.ignoredWhen && conditionHolds(requirement.ignoredWhen, request, [])) return 'the document says this field is ignored here';
  const ambiguity = ambiguityOf(spec, requirement, violation, resolvePointer(root, violation.instancePath));
  if (ambiguity) return describeAmbiguity(ambiguity);
  return requirement?.refusal === 'unstated' ? 'the document does not say a server refuses it' : undefined;
}

/** Schema failures (the request's violations) by requirement id, each with the reason the lenient reading excuses all of its violations (undefined: some is firm). */
function schemaFailures(spec: LoadedSpec, request: RequestDocument, lenient: boolean, violations: RequestViolation[]): Map<string, string | undefined> {
  const failures = new Map<string, string | undefined>();
  for (const found of violations) {
    const id = found.violation.requirementId ?? '(unclaimed)';
    // Once one violation of a requirement is firm, the requirement is.
    if (failures.has(id) && failures.get(id) === undefined) continue;
    failures.set(id, lenient ? lenientExcuse(spec, request, found) : undefined);
  }
  return failures;
}

/** The erratum that tolerates a broken rule: the request keeps the weaker rule the document's example keeps. */
export function ruleTolerance(requirement: Requirement, request: RequestDocument, world: World): string | undefined {
  for (const tolerance of requirement.tolerated ?? []) {
    if (!('rule' in tolerance)) continue;
    const weaker = evaluateRequirement({ ...requirement, rule: tolerance.rule }, request, world);
    if (weaker.verdict !== 'broken') return tolerance.erratum;
  }
  return undefined;
}

/** Rule verdicts (the request's, in the target world) by requirement, each broken one with the reason the lenient reading excuses it (if any). */
function ruleFailures(
  spec: LoadedSpec,
  request: RequestDocument,
  target: World,
  lenient: boolean,
  verdicts: RuleJudgement[],
): { broken: Map<string, string | undefined>; undecided: RuleJudgement[] } {
  const broken = new Map<string, string | undefined>();
  const undecided: RuleJudgement[] = [];
  for (const verdict of verdicts) {
    if (verdict.verdict === 'undecided') undecided.push(verdict);
    if (verdict.verdict !== 'broken') continue;
    const requirement = requirementById(spec, verdict.requirementId) as Requirement;
    const tolerated = lenient ? ruleTolerance(requirement, request, target) : undefined;
    const unstated = lenient && requirement.refusal === 'unstated';
    broken.set(
      verdict.requirementId,
      tolerated ? `tolerated (${tolerated}): the document's own example does the same` : unstated ? 'the document does not say a server refuses it' : undefined,
    );
  }
  return { broken, undecided };
}

/** What a request breaks under each reasonable reading of the documents, in the target's world from the fixtures. */
export function judgeRequest(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): RequestJudgement {
  const target = worldOf(spec, world);
  const literalViolations = requestSchemaViolations(spec, request);
  const literalVerdicts = evaluateRequestRules(spec.requirements, request, target);
  const literalSchema = schemaFailures(spec, request, false, literalViolations);
  const literalRules = ruleFailures(spec, request, target, false, literalVerdicts);
  const lenient = lenientReading(spec, request);
  // Most requests read leniently as sent (the same body comes back): the schema and the rules find the same in them.
  const readAsSent = lenient.body === request.body;
  const lenientSchema = schemaFailures(spec, lenient, true, readAsSent ? literalViolations : requestSchemaViolations(spec, lenient));
  const lenientRules = ruleFailures(spec, lenient, target, true, readAsSent ? literalVerdicts : evaluateRequestRules(spec.requirements, lenient, target));
  const literal = new Set([...literalSchema.keys(), ...literalRules.broken.keys()]);
  const lenientBroken = new Map<string, string | undefined>([...lenientSchema, ...lenientRules.broken]);
  const firm = (id: string): boolean => lenientBroken.has(id) && lenientBroken.get(id) === undefined;
  const broken = [...literal].filter(firm).sort();
  const ambiguous: Ambiguous[] = [];
  for (const id of new Set([...literal, ...lenientBroken.keys()])) {
    if (broken.includes(id)) continue;
    const why = !literal.has(id)
      ? 'broken only when read leniently (a numeric string as its number, null or an empty list as not given)'
      : (lenientBroken.get(id) ??
        'broken only when read literally: a server may read the value leniently (a numeric string as its number, "true" as true, null or an empty list as not given)');
    ambiguous.push({ requirementId: id, why });
  }
  const undecided = [
    ...literalRules.undecided,
    ...lenientRules.undecided.filter((verdict) => !literalRules.undecided.some((other) => other.requirementId === verdict.requirementId)),
  ];
  return { broken, ambiguous: ambiguous.sort((a, b) => a.requirementId.localeCompare(b.requirementId)), undecided, nulls: nullPointers(request.body) };
}

/**
 * Would judgeRequest find nothing against the request: nothing broken under either reading, no
 * null, and no undecided rule unless `undecidedCounts` is false (ids in `except` aside)? The same
 * answer, found by stopping at the first thing it would find: most requests a generator tries
 * and drops have one, and reading on would only name the rest.
 */
export function judgedFlawless(
  spec: LoadedSpec,
  request: RequestDocument,
  world: WorldData | undefined,
  except: ReadonlySet<string>,
  undecidedCounts: boolean,
): boolean {
  const target = worldOf(spec, world);
  const flagged: RuleOutcome[] = undecidedCounts ? ['broken', 'undecided'] : ['broken'];
  // Broken or ambiguous under either reading: some rule broken (or undecided), or some schema violation, in either.
  // The rules first: a generated request is dropped for a rule far more often than for its schema, and the schema costs more to check.
  const flawlessUnder = (read: RequestDocument): boolean =>
    !someRequestRuleIs(flagged, spec.requirements, read, target, except) &&
    !requestSchemaViolations(spec, read).some(({ violation }) => !except.has(violation.requirementId ?? '(unclaimed)'));
  if (holdsNull(request.body) || !flawlessUnder(request)) return false;
  const lenient = lenientReading(spec, request);
  return lenient.body === request.body || flawlessUnder(lenient);
}

/**
 * The requirements a request breaks literally only by what the documents' own examples send
 * (each requirement's `tolerated`, an erratum behind it): both personalities of the mock accept
 * them, and no case is planned on them.
 */
export function toleratedBreaches(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): string[] {
  const tolerated = new Map<string, boolean>();
  for (const { violation, root } of requestSchemaViolations(spec, request)) {
    const id = violation.requirementId ?? '(unclaimed)';
    const ambiguity = ambiguityOf(spec, requirementById(spec, id), violation, resolvePointer(root, violation.instancePath));
    tolerated.set(id, (tolerated.get(id) ?? true) && ambiguity?.kind === 'tolerated');
  }
  const worldOfSpec = worldOf(spec, world);
  for (const verdict of evaluateRequestRules(spec.requirements, request, worldOfSpec)) {
    const requirement = requirementById(spec, verdict.requirementId);
    if (verdict.verdict === 'broken' && requirement) tolerated.set(verdict.requirementId, ruleTolerance(requirement, request, worldOfSpec) !== undefined);
  }
  return [...tolerated]
    .filter(([, all]) => all)
    .map(([id]) => id)
    .sort();
}
