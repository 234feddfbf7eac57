import type fc from 'fast-check';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { parseClaim, type ParsedClaim } from '../engine/schema/schema-claims.ts';
import { schemaLocations, isRequestLocation, requestPartPointer } from '../engine/schema/schema-locations.ts';
import { formatPointer, isContainer, parsePointer, resolvePointer } from '../engine/request/json-pointer.ts';
import { isSchemaNode, type JsonSchemaNode } from '../engine/schema/json-schema-node.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { repairReferences } from './reference-repair.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { valueFor } from './schema-arbitrary.ts';
import { boundaryValidValuesFor, invalidValuesFor } from './invalid-values.ts';
import { boundToMembers, requestPointerOf, schemaAncestors } from './schema-instance-paths.ts';
import type { DeterministicSampler } from './deterministic-sampler.ts';
import type { Oracle } from './case-oracle.ts';
import { exampleValuesFor } from './schema/example-values.ts';
import { minimalSchema } from './schema/minimal-schema.ts';

/** A request derived from the base that tests one requirement, before it is labelled a case. */
export interface Candidate {
  requirementId: string;
  polarity: 'positive' | 'negative';
  description: string;
  request: RequestDocument;
  /** The schema keyword a schema-made candidate breaks or sits at the edge of. */
  keyword?: string;
  /** Requests to send first (their answers are not judged), e.g. the stack a duplicate conflicts with. */
  setup?: RequestDocument[];
}

export interface MutationContext {
  spec: LoadedSpec;
  base: RequestDocument;
  oracle: Oracle;
  sampler: DeterministicSampler;
  world: WorldData;
}

function schemaAt(spec: LoadedSpec, location: string, pointer: string): JsonSchemaNode | undefined {
  const schema = schemaLocations(spec).find((candidate) => candidate.name === location)?.schema;
  const node = schema && resolvePointer(schema, pointer);
  return isSchemaNode(node) ? node : undefined;
}

/**
 * The values to fill a missing schema node with, in order: the plainest, smallest first (nothing
 * but the tested field should give a server a reason to refuse), then 8 drawn. Drawn one at a
 * time, as the first that makes a valid request ends the search; the arbitrary is built at once,
 * so a node no value satisfies fails here as before.
 */
function* fillingsOf(context: MutationContext, location: string, ancestor: string, node: JsonSchemaNode): Generator<unknown> {
  const plainest = exampleValuesFor(minimalSchema(node), 8);
  const values = valueFor(node, { maxArrayItems: 1 });
  yield* plainest;
  for (let attempt = 0; attempt < 8; attempt += 1) yield context.sampler.one(values, `fill ${location}#${ancestor} ${attempt}`);
}

/** The first request made from the values that the oracle knows valid, each made only when the one before was not. */
function firstKnownValid(context: MutationContext, values: Iterable<unknown>, requestWith: (value: unknown) => RequestDocument): RequestDocument | undefined {
  for (const value of values) {
    const request = requestWith(value);
    if (context.oracle.knownValid(request)) return request;
  }
  return undefined;
}

/**
 * The base with every missing ancestor of a schema node filled with a valid value, so the
 * node's instance exists to be mutated; undefined when no valid filling was found.
 */
export function withInstance(context: MutationContext, location: string, schemaPointer: string): RequestDocument | undefined {
  let request = context.base;
  for (const ancestor of schemaAncestors(schemaPointer)) {
    const unbound = requestPointerOf(context.spec, location, ancestor);
    const pointer = unbound === undefined ? undefined : boundToMembers(request, unbound);
    const node = schemaAt(context.spec, location, ancestor);
    if (!pointer || !node) return undefined;
    if (resolvePointer(request, pointer) !== undefined) continue;
    const filled = firstKnownValid(context, fillingsOf(context, location, ancestor, node), (value) =>
      repairReferences(context.spec.requirements, withEdits(request, { set: { [pointer]: value } }), context.world),
    );
    if (!filled) return undefined;
    request = withoutOptionalExtras(filled, pointer, context.oracle);
  }
  return request;
}

/** The object members under a pointer (its own, and those of the objects in a list it holds), as pointers. */
function memberPointers(request: RequestDocument, pointer: string): string[] {
  const value = resolvePointer(request, pointer);
  if (Array.isArray(value)) return value.flatMap((_, index) => memberPointers(request, `${pointer}/${index}`));
  if (!isContainer(value)) return [];
  return Object.keys(value).map((key) => formatPointer([...parsePointer(pointer), key]));
}

/**
 * A filled-in value shrunk: each member left out in turn while the request stays known valid,
 * so that a boundary case carries nothing the field it tests does not need.
 */
function withoutOptionalExtras(request: RequestDocument, pointer: string, oracle: Oracle): RequestDocument {
  let shrunk = request;
  for (const member of memberPointers(request, pointer)) {
    const candidate = withEdits(shrunk, { unset: [member] });
    if (oracle.knownValid(candidate)) shrunk = candidate;
  }
  return shrunk;
}

/** The schema of the body field at a request pointer (`/body/...`; numeric steps are array items). */
function bodySchemaAt(context: MutationContext, requestPointer: string): JsonSchemaNode | undefined {
  const tokens = parsePointer(requestPointer);
  if (tokens[0] !== 'body') return undefined;
  const schemaPointer = formatPointer(tokens.slice(1).flatMap((token) => (/^[0-9]+$/.test(token) ? ['items'] : ['properties', token])));
  return schemaAt(context.spec, 'request-body', schemaPointer);
}

/** The plainest valid values of the body field at a request pointer (every member of an enum among them), none when the schema does not say. */
export function plainValuesAt(context: MutationContext, requestPointer: string): unknown[] {
  const node = bodySchemaAt(context, requestPointer);
  return node ? exampleValuesFor(minimalSchema(node), 8) : [];
}

/** A valid value for the body field at a request pointer (`/body/...`; numeric steps are array items), references repaired. */
export function validValueAt(context: MutationContext, requestPointer: string, accept: (value: unknown) => boolean = () => true): unknown {
  const node = bodySchemaAt(context, requestPointer);
  if (!node) return undefined;
  const plainest = exampleValuesFor(minimalSchema(node), 8);
  let values: fc.Arbitrary<unknown> | undefined;
  for (let attempt = 0; attempt < 48 + plainest.length; attempt += 1) {
    const value =
      attempt < plainest.length
        ? plainest[attempt]
        : context.sampler.one((values ??= valueFor(node, { maxArrayItems: 1 })), `value ${requestPointer} ${attempt}`);
    const request = repairReferences(context.spec.requirements, withEdits(context.base, { set: { [requestPointer]: value } }), context.world);
    if (context.oracle.knownValid(request) && accept(valueAt(request, requestPointer))) {
      const pruned = withoutOptionalExtras(request, requestPointer, context.oracle);
      return accept(valueAt(pruned, requestPointer)) ? valueAt(pruned, requestPointer) : valueAt(request, requestPointer);
    }
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const length = [...value].length;
    return length > 24 ? `a string of ${length} characters` : JSON.stringify(value);
  }
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** withInstance, as a function of the location and pointer only: the context stays the same. */
type InstanceOf = (location: string, schemaPointer: string) => RequestDocument | undefined;

function keywordCandidates(context: MutationContext, requirement: Requirement, claim: ParsedClaim, keyword: string, instanceOf: InstanceOf): Candidate[] {
  const { spec } = context;
  const node = schemaAt(spec, claim.location, claim.pointer);
  if (!node) return [];
  if (claim.pointer.endsWith('/propertyNames')) return propertyNameCandidates(context, requirement, claim, node, keyword, instanceOf);
  const start = instanceOf(claim.location, claim.pointer);
  const unbound = requestPointerOf(spec, claim.location, claim.pointer);
  const target = unbound && start ? boundToMembers(start, unbound) : undefined;
  if (!target || !start) return [];
  if (keyword === 'required') {
    const property = claim.property ?? '';
    return [
      {
        requirementId: requirement.id,
        polarity: 'negative',
        description: `without ${property}`,
        request: withEdits(start, { unset: [`${target}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`] }),
      },
    ];
  }
  // On the wire a path or header value is always text: another JSON type cannot be sent.
  const onTheWire = claim.location.startsWith('parameter:') && keyword === 'type' ? [] : invalidValuesFor(node, keyword);
  const invalid = onTheWire.map((value): Candidate => ({
    requirementId: requirement.id,
    polarity: 'negative',
    description: `${target} = ${describeValue(value)} (breaks ${keyword})`,
    request: withEdits(start, { set: { [target]: value } }),
    keyword,
  }));
  const boundary = boundaryValidValuesFor(node, keyword).map((value): Candidate => ({
    requirementId: requirement.id,
    polarity: 'positive',
    description: `${target} = ${describeValue(value)} (${keyword} boundary, inside)`,
    request: withEdits(start, { set: { [target]: value } }),
  }));
  return [...boundary, ...invalid];
}

/** Keys of a map that break its propertyNames (e.g. a metadata key of 256 characters). */
function propertyNameCandidates(
  context: MutationContext,
  requirement: Requirement,
  claim: ParsedClaim,
  node: JsonSchemaNode,
  keyword: string,
  instanceOf: InstanceOf,
): Candidate[] {
  const objectPointer = claim.pointer.slice(0, -'/propertyNames'.length);
  const target = requestPointerOf(context.spec, claim.location, objectPointer);
  const start = instanceOf(claim.location, `${objectPointer}/additionalProperties`);
  if (!target || !start) return [];
  const valueSchema = schemaAt(context.spec, claim.location, `${objectPointer}/additionalProperties`) ?? {};
  const value = context.sampler.one(valueFor(valueSchema), `map value ${objectPointer}`);
  const key = (name: unknown) => `${target}/${String(name).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const toCandidate = (polarity: Candidate['polarity'], name: unknown): Candidate => ({
    requirementId: requirement.id,
    polarity,
    description: `a key ${describeValue(name)} in ${target}`,
    request: withEdits(start, { set: { [key(name)]: value } }),
  });
  return [
    ...boundaryValidValuesFor(node, keyword)
      .filter((name) => typeof name === 'string')
      .map((name) => toCandidate('positive', name)),
    ...invalidValuesFor(node, keyword)
      .filter((name) => typeof name === 'string')
      .map((name) => toCandidate('negative', name)),
  ];
}

/** Boundary (inside) and invalid (outside) requests for every keyword a requirement claims on the request. */
export function schemaCandidates(context: MutationContext, requirement: Requirement): Candidate[] {
  // Every keyword of a claim starts from the same instance, and nothing the oracle reads changes while they are made: it is filled in once.
  const instances = new Map<string, RequestDocument | undefined>();
  const instanceOf: InstanceOf = (location, schemaPointer) => {
    const key = `${location}#${schemaPointer}`;
    if (!instances.has(key)) instances.set(key, withInstance(context, location, schemaPointer));
    return instances.get(key);
  };
  return (requirement.schema ?? [])
    .map((claim) => parseClaim(requirement.id, claim))
    .filter((claim) => isRequestLocation(claim.location) && requestPartPointer(context.spec, claim.location) !== undefined)
    .flatMap((claim) => (claim.keywords ?? []).flatMap((keyword) => keywordCandidates(context, requirement, claim, keyword, instanceOf)));
}
