import type { Operand, Requirement, Rule } from '../spec/requirement-model.ts';
import { RESPONSE_RULE_KINDS } from '../spec/requirement-model.ts';
import type { RequestDocument } from '../request/request-document.ts';
import { conditionHolds } from './rule-conditions.ts';
import { asNumber, isPresent, matchTokens, valueAt } from './rule-paths.ts';
import { formatPointer } from '../request/json-pointer.ts';
import { ruleKeyValues } from './rule-keys.ts';
import { hasDefault, readDeclarations } from './template-declarations.ts';
import { holdsObject } from './text-objects.ts';
import { expectedState } from './expected-state.ts';
import { UNKNOWN_WORLD, type World } from '../world/world.ts';
import { RuleError } from '../errors.ts';

/**
 * held: the request satisfies the rule. broken: it does not. not-applicable: the rule's subject
 * is absent. undecided: a stateful rule the world cannot decide.
 */
export type RuleOutcome = 'held' | 'broken' | 'not-applicable' | 'undecided';

export interface RuleJudgement {
  requirementId: string;
  verdict: RuleOutcome;
  detail: string;
}

interface Outcome {
  verdict: RuleOutcome;
  detail: string;
}

const held = (detail: string): Outcome => ({ verdict: 'held', detail });
const broken = (detail: string): Outcome => ({ verdict: 'broken', detail });
const notApplicable = (detail: string): Outcome => ({ verdict: 'not-applicable', detail });
const undecided = (detail: string): Outcome => ({ verdict: 'undecided', detail });

function operandValue(operand: Operand, request: RequestDocument, scope: string[]): number | undefined {
  if (typeof operand === 'string') return asNumber(valueAt(request, operand, scope));
  if ('value' in operand) return operand.value;
  const list = valueAt(request, operand.count, scope);
  return Array.isArray(list) ? list.length : undefined;
}

function describe(operand: Operand): string {
  if (typeof operand === 'string') return operand;
  return 'value' in operand ? String(operand.value) : `count(${operand.count})`;
}

function compare(rule: Extract<Rule, { kind: 'lessThan' | 'lessOrEqual' }>, request: RequestDocument, scope: string[]): Outcome {
  const left = operandValue(rule.left, request, scope);
  const right = operandValue(rule.right, request, scope);
  const symbol = rule.kind === 'lessThan' ? '<' : '<=';
  if (left === undefined || right === undefined) return notApplicable(`${describe(rule.left)} or ${describe(rule.right)} is absent or not a number`);
  const ok = rule.kind === 'lessThan' ? left < right : left <= right;
  const text = `${describe(rule.left)} = ${left}, ${describe(rule.right)} = ${right}: expected ${symbol}`;
  return ok ? held(text) : broken(text);
}

function lookupItem(rule: { collection: string; key: string[] }, request: RequestDocument, scope: string[], world: World) {
  const key = ruleKeyValues(rule, request, scope);
  if (!key) return { key, lookup: undefined };
  return { key, lookup: world.lookup(rule.collection, key) };
}

/** A list or an object counts as its number of items or members; a number (or numeric string) as itself. */
function quantityOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return asNumber(value);
}

function parsesAs(rule: Extract<Rule, { kind: 'parsesAs' }>, request: RequestDocument, scope: string[]): Outcome {
  const value = valueAt(request, rule.path, scope);
  if (typeof value !== 'string') return notApplicable(`${rule.path} is not text`);
  const readable = rule.mediaTypes.find((mediaType) => holdsObject(value, mediaType));
  return readable ? held(`${rule.path} is ${readable} holding an object`) : broken(`${rule.path} is no ${rule.mediaTypes.join(' or ')} object`);
}

function evaluateStateful(rule: Rule, request: RequestDocument, scope: string[], world: World): Outcome | undefined {
  switch (rule.kind) {
    case 'mustExist':
    case 'uniqueWithin': {
      const { key, lookup } = lookupItem(rule, request, scope, world);
      if (!key || !lookup) return notApplicable(`a key of ${rule.collection} is absent from the request`);
      if (!lookup.known) return undecided(`the target's ${rule.collection} are unknown`);
      const name = `${rule.collection} ${JSON.stringify(key)}`;
      if (rule.kind === 'mustExist') return lookup.item ? held(`${name} exists`) : broken(`${name} does not exist`);
      return lookup.item ? broken(`${name} exists already`) : held(`${name} is new`);
    }
    case 'mustBeInState': {
      const { key, lookup } = lookupItem(rule, request, scope, world);
      if (!key || !lookup) return notApplicable(`a key of ${rule.collection} is absent from the request`);
      if (!lookup.known) return undecided(`the target's ${rule.collection} are unknown`);
      if (!lookup.item) return notApplicable(`${rule.collection} ${JSON.stringify(key)} does not exist`);
      const actual = lookup.item[rule.field];
      if (actual === undefined) return undecided(`the state ${rule.field} of ${rule.collection} ${JSON.stringify(key)} is unknown`);
      const expected = expectedState(rule, request, scope);
      if (!expected.known) return undecided(expected.why);
      const text = `${rule.field} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected.value)}`;
      return JSON.stringify(actual) === JSON.stringify(expected.value) ? held(text) : broken(text);
    }
    case 'withinQuota': {
      const value = valueAt(request, rule.path, scope) ?? (rule.defaultFrom === undefined ? undefined : valueAt(request, rule.defaultFrom, scope));
      if (value === undefined) return notApplicable(`${rule.path} is absent`);
      const number = quantityOf(value);
      if (number === undefined) return notApplicable(`${rule.path} is not a number`);
      const quota = world.quota(rule.quota);
      // The fixtures' own request creates one: any quota that lets it succeed allows one.
      if (quota === undefined) return number <= 1 ? held(`${rule.path} = ${number}: one is within any quota`) : undecided(`the quota ${rule.quota} is unknown`);
      const text = `${rule.path} = ${number}, quota ${rule.quota} = ${quota}`;
      return number <= quota ? held(text) : broken(text);
    }
    case 'callerOwns': {
      const value = valueAt(request, rule.path, scope);
      if (value === undefined) return notApplicable(`${rule.path} is absent`);
      const caller = world.caller();
      if (!caller) return undecided('the caller is unknown');
      const own = String(value).replace(/-/g, '').toLowerCase() === caller.tenant.replace(/-/g, '').toLowerCase();
      if (own) return held(`${rule.path} is the caller's own tenant`);
      if (caller.admin === undefined) return undecided('whether the caller is an administrator is unknown');
      return caller.admin ? held('the caller is an administrator') : broken(`${rule.path} names another tenant and the caller is not an administrator`);
    }
    case 'authenticated': {
      const accepted = world.credentialsAccepted(rule.scheme, request);
      if (accepted === undefined) return undecided(`the credentials the target accepts for ${rule.scheme} are unknown`);
      return accepted ? held(`${rule.scheme} credentials accepted`) : broken(`${rule.scheme} credentials missing or wrong`);
    }
    default:
      return undefined;
  }
}

function evaluateDeclarations(rule: Extract<Rule, { kind: 'keysDeclaredIn' | 'valuesProvided' }>, request: RequestDocument, scope: string[]): Outcome {
  const given = valueAt(request, rule.path, scope);
  const values = typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : undefined;
  if (rule.kind === 'keysDeclaredIn' && !values) return notApplicable(`${rule.path} is absent`);
  const source = valueAt(request, rule.declarations.path, scope);
  if (source === undefined) return undecided(`${rule.declarations.path} is absent, so its declarations are unknown`);
  const declarations = readDeclarations(source, rule.declarations.pointer);
  if (!declarations) return undecided(`${rule.declarations.path} cannot be read`);
  if (rule.kind === 'keysDeclaredIn') {
    const undeclared = Object.keys(values ?? {}).filter((key) => !(key in declarations));
    return undeclared.length ? broken(`undeclared: ${undeclared.join(', ')}`) : held('every key is declared');
  }
  const missing = Object.entries(declarations)
    .filter(([name, declaration]) => !hasDefault(declaration) && !(values && name in values))
    .map(([name]) => name);
  return missing.length ? broken(`no value and no default: ${missing.join(', ')}`) : held('every declaration has a value or a default');
}

function evaluateOnce(rule: Rule, request: RequestDocument, scope: string[], world: World): Outcome {
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return compare(rule, request, scope);
    case 'mutuallyExclusive': {
      const present = rule.paths.filter((path) => isPresent(request, path, scope));
      if (present.length === 0) return notApplicable('none of them is present');
      return present.length > 1 ? broken(`both present: ${present.join(', ')}`) : held(`only ${present[0]} is present`);
    }
    case 'atLeastOneOf': {
      const present = rule.paths.filter((path) => isPresent(request, path, scope));
      return present.length ? held(`present: ${present.join(', ')}`) : broken(`none of ${rule.paths.join(', ')} is present`);
    }
    case 'requiredWhen':
      if (!conditionHolds(rule.when, request, scope)) return notApplicable('the condition does not hold');
      return isPresent(request, rule.required, scope) ? held(`${rule.required} is present`) : broken(`${rule.required} is absent`);
    case 'forbiddenWhen':
      if (!conditionHolds(rule.when, request, scope)) return notApplicable('the condition does not hold');
      return conditionHolds(rule.forbidden, request, scope) ? broken('the forbidden condition holds too') : held('the forbidden condition does not hold');
    case 'atMostOne': {
      const items = matchTokens(request, rule.items, scope);
      if (items.length === 0) return notApplicable(`${rule.items} matches nothing`);
      const matching = items.filter((item) => conditionHolds(rule.where, request, item.tokens));
      const text = `${matching.length} of ${items.length} items match`;
      return matching.length > 1 ? broken(text) : held(text);
    }
    case 'keysDeclaredIn':
    case 'valuesProvided':
      return evaluateDeclarations(rule, request, scope);
    case 'parsesAs':
      return parsesAs(rule, request, scope);
    case 'methodNotAllowed':
      return rule.methods.includes(request.method.toUpperCase()) ? broken(`${request.method} is not allowed`) : held(`${request.method} is allowed`);
    default: {
      if (RESPONSE_RULE_KINDS.includes(rule.kind)) return notApplicable('a rule on the response, not the request');
      const outcome = evaluateStateful(rule, request, scope, world);
      if (!outcome) throw new Error(`unknown rule kind ${(rule as Rule).kind}`);
      return outcome;
    }
  }
}

const SEVERITY: Record<RuleOutcome, number> = { broken: 3, undecided: 2, held: 1, 'not-applicable': 0 };

/** With `each`, the rule is checked per matched node; the worst verdict (broken first) speaks. */
function evaluateScoped(rule: Rule, request: RequestDocument, world: World): Outcome {
  if (!rule.each) return evaluateOnce(rule, request, [], world);
  const nodes = matchTokens(request, rule.each);
  if (nodes.length === 0) return notApplicable(`${rule.each} matches nothing`);
  let worst: { outcome: Outcome; tokens: string[] } | undefined;
  for (const { tokens } of nodes) {
    const outcome = evaluateOnce(rule, request, tokens, world);
    if (!worst || SEVERITY[outcome.verdict] > SEVERITY[worst.outcome.verdict]) worst = { outcome, tokens };
  }
  const { outcome, tokens } = worst as { outcome: Outcome; tokens: string[] };
  // Only the worst node's pointer is read: it alone is formatted.
  return { ...outcome, detail: `${formatPointer(tokens)}: ${outcome.detail}` };
}

export function evaluateRequirement(requirement: Requirement, request: RequestDocument, world: World = UNKNOWN_WORLD): RuleJudgement {
  if (!requirement.rule) throw new RuleError(requirement.id, 'has no rule to evaluate');
  const outcome = evaluateScoped(requirement.rule, request, world);
  return { requirementId: requirement.id, ...outcome };
}

/** The requirements with a request-side rule, picked once per requirement list (a loaded spec's is read-only). */
const requestRuleRequirements = new WeakMap<Requirement[], Requirement[]>();

function withRequestRules(requirements: Requirement[]): Requirement[] {
  let picked = requestRuleRequirements.get(requirements);
  if (!picked) {
    picked = requirements.filter((requirement) => requirement.rule && !RESPONSE_RULE_KINDS.includes(requirement.rule.kind));
    requestRuleRequirements.set(requirements, picked);
  }
  return picked;
}

/** Every request-side rule of a spec, evaluated on one request. */
export function evaluateRequestRules(requirements: Requirement[], request: RequestDocument, world: World = UNKNOWN_WORLD): RuleJudgement[] {
  return withRequestRules(requirements).map((requirement) => evaluateRequirement(requirement, request, world));
}

/** Rules that look an item up in the world (or parse a text): the dearest to evaluate. */
const DEAR_KINDS: ReadonlySet<Rule['kind']> = new Set(['mustExist', 'mustBeInState', 'uniqueWithin', 'parsesAs', 'keysDeclaredIn', 'valuesProvided']);

/** The request-side rules, the cheap ones first (each list in the spec's order), picked once per requirement list. */
const cheapFirstRequirements = new WeakMap<Requirement[], Requirement[]>();

function withRequestRulesCheapFirst(requirements: Requirement[]): Requirement[] {
  let ordered = cheapFirstRequirements.get(requirements);
  if (!ordered) {
    const picked = withRequestRules(requirements);
    const dear = (requirement: Requirement): boolean => DEAR_KINDS.has((requirement.rule as Rule).kind);
    ordered = [...picked.filter((requirement) => !dear(requirement)), ...picked.filter(dear)];
    cheapFirstRequirements.set(requirements, ordered);
  }
  return ordered;
}

/** Whether a requirement's rule (its id not in `except`) ends in one of these verdicts on the request. */
function endsIn(verdicts: readonly RuleOutcome[], request: RequestDocument, world: World, except: ReadonlySet<string>): (requirement: Requirement) => boolean {
  return (requirement) => !except.has(requirement.id) && verdicts.includes(evaluateRequirement(requirement, request, world).verdict);
}

/**
 * Does any request-side rule of a spec end in one of these verdicts on the request (ids in `except` aside)? Evaluated up
 * to the first that does, the cheap rules first: the answer is the same in any order, and a generated request that breaks
 * a rule mostly breaks a cheap one (a count over its quota, a field required).
 */
export function someRequestRuleIs(
  verdicts: readonly RuleOutcome[],
  requirements: Requirement[],
  request: RequestDocument,
  world: World,
  except: ReadonlySet<string>,
): boolean {
  return withRequestRulesCheapFirst(requirements).some(endsIn(verdicts, request, world, except));
}

/** Every request-side rule of these requirements that ends in one of these verdicts on the request (ids in `except` aside), the cheap ones first. */
export function requestRulesThatAre(
  verdicts: readonly RuleOutcome[],
  requirements: Requirement[],
  request: RequestDocument,
  world: World,
  except: ReadonlySet<string>,
): Requirement[] {
  return withRequestRulesCheapFirst(requirements).filter(endsIn(verdicts, request, world, except));
}
