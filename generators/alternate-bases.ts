import type { Condition, Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import { withEdits, type RequestEdits } from '../engine/request/request-edits.ts';
import { requestBodySchema } from '../engine/schema/schema-locations.ts';
import { formatPointer } from '../engine/request/json-pointer.ts';
import { repairedToValid } from './valid-repair.ts';
import { validValueAt, type MutationContext } from './schema-mutations.ts';
import { resourceObject } from './resource-object.ts';
import { schemaMapKeyword, stringListKeyword } from '../engine/schema/json-schema-node.ts';

/**
 * A second valid request to break each rule from. A server that checks a rule on one code path
 * only (timeout < delay for HTTP monitors, a name's length when booting from an image) passes
 * every negative made from the base alone: the same breach is sent again from each of these.
 */
export interface AlternateBase {
  request: RequestDocument;
  /** How it differs from the base: the member it sets or leaves out, or "only the members it needs". */
  description: string;
}

/** The simple conditions of the spec's rules on a fixed body path: the branches the document itself draws. */
function branchConditions(requirements: Requirement[]): Condition[] {
  const leaves = (condition: Condition): Condition[] =>
    'anyOf' in condition ? condition.anyOf.flatMap(leaves) : 'allOf' in condition ? condition.allOf.flatMap(leaves) : [condition];
  const conditions = requirements.flatMap(({ rule, ignoredWhen }) => [...(rule && 'when' in rule ? [rule.when] : []), ...(ignoredWhen ? [ignoredWhen] : [])]);
  const fixed = conditions.flatMap(leaves).filter((condition) => 'path' in condition && condition.path.startsWith('/body/') && !condition.path.includes('*'));
  return [...new Map(fixed.map((condition) => [JSON.stringify(condition), condition])).values()];
}

/** Edits that turn the condition the other way at the base (holds ↔ does not), with what they do in words; none when the suite knows no way. */
function flip(context: MutationContext, condition: Condition): { edits: RequestEdits; description: string } | undefined {
  if (!('path' in condition)) return undefined;
  const { path } = condition;
  const holds = conditionHolds(condition, context.base);
  const setTo = (accept: (value: unknown) => boolean): { edits: RequestEdits; description: string } | undefined => {
    const value = validValueAt(context, path, accept);
    return value === undefined ? undefined : { edits: { set: { [path]: value } }, description: `${path} = ${JSON.stringify(value).slice(0, 60)}` };
  };
  const without = { edits: { unset: [path] }, description: `${path} left out` };
  // Present means with something in it: an empty list takes no other code path than none.
  const filled = (value: unknown): boolean => !(Array.isArray(value) && value.length === 0);
  if ('present' in condition) return holds ? without : setTo(filled);
  if ('absent' in condition) return holds ? setTo(filled) : without;
  const listed = 'in' in condition ? condition.in : 'notIn' in condition ? condition.notIn : 'equals' in condition ? [condition.equals] : undefined;
  if (!listed) return undefined;
  const isListed = (value: unknown): boolean => listed.some((option) => JSON.stringify(option) === JSON.stringify(value));
  // The value that makes the condition hold is one listed for `in`/`equals` and one not listed for `notIn`.
  const wantListed = 'notIn' in condition ? holds : !holds;
  return setTo((value) => value !== undefined && isListed(value) === wantListed);
}

/** The base without each optional member of the resource it can do without: the smallest request the document allows. */
function minimal(context: MutationContext): { request: RequestDocument; description: string } | undefined {
  const schema = requestBodySchema(context.spec);
  if (!schema) return undefined;
  const { pointer, schema: fields } = resourceObject(schema);
  const required = stringListKeyword(fields, 'required');
  const optional = Object.keys(schemaMapKeyword(fields, 'properties')).filter((name) => !required.includes(name));
  let request = context.base;
  for (const name of optional) request = validated({ ...context, base: request }, { unset: [formatPointer([...pointer, name])] }) ?? request;
  return { request, description: 'only the members it needs' };
}

/** The edited base made valid again (references, declarations, fields useful only elsewhere), or undefined when it is not known valid. */
function validated(context: MutationContext, edits: RequestEdits): RequestDocument | undefined {
  const request = repairedToValid(context.spec.requirements, withEdits(context.base, edits), context.world);
  return context.oracle.knownValid(request) ? request : undefined;
}

/** Valid requests that take the other side of each branch the rules draw, and the smallest one, each unlike the base and the others. */
export function alternateBases(context: MutationContext): AlternateBase[] {
  const flipped = branchConditions(context.spec.requirements).map((condition) => {
    const made = flip(context, condition);
    const request = made && validated(context, made.edits);
    return made && request ? { request, description: made.description } : undefined;
  });
  const seen = new Set([JSON.stringify(context.base)]);
  const bases: AlternateBase[] = [];
  for (const made of [...flipped, minimal(context)]) {
    const request = made?.request;
    if (!made || !request || seen.has(JSON.stringify(request))) continue;
    seen.add(JSON.stringify(request));
    bases.push({ request, description: made.description });
  }
  return bases;
}
