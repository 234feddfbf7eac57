import type { Condition, Operand, Requirement, Rule } from '../engine/requirement-model.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import type { WorldData } from '../engine/world-from-data.ts';
import { withEdits, type RequestEdits } from '../engine/request-edits.ts';
import { asNumber, matchNodes, valueAt } from '../engine/rule-paths.ts';
import { formatPointer, parsePointer } from '../engine/json-pointer.ts';
import { readDeclarations } from '../engine/template-declarations.ts';
import { validValueAt, type Candidate, type MutationContext } from './schema-mutations.ts';
import { repairReferences } from './reference-repair.ts';

export interface RuleMutationContext extends MutationContext {
  world: WorldData;
}

/** A rule's candidates, or why none can be made from the base and the fixtures. */
export type RuleCandidates = { candidates: Candidate[] } | { notRunnable: string };

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000c0de';

function absolute(path: string, scope: string[]): string {
  return path.startsWith('/') ? path : formatPointer([...scope, ...parsePointer(`/${path}`)]);
}

function candidate(requirement: Requirement, polarity: Candidate['polarity'], description: string, request: RequestDocument, edits: RequestEdits): Candidate {
  return { requirementId: requirement.id, polarity, description, request: withEdits(request, edits) };
}

function orderingCandidates(requirement: Requirement, rule: Extract<Rule, { kind: 'lessThan' | 'lessOrEqual' }>, base: RequestDocument, scope: string[]): RuleCandidates {
  if (typeof rule.left !== 'string') return { notRunnable: 'the left operand is not a field the suite can set' };
  const left = absolute(rule.left, scope);
  const right = operandValue(rule.right, base, scope);
  if (right === undefined) return { notRunnable: `the base request has no value for ${JSON.stringify(rule.right)}` };
  const strict = rule.kind === 'lessThan';
  const inside = strict ? right - 1 : right;
  const outside = strict ? [right, right + 1] : [right + 1, right + 2];
  return {
    candidates: [
      candidate(requirement, 'positive', `${left} = ${inside} (boundary, inside)`, base, { set: { [left]: inside } }),
      ...outside.map((value) => candidate(requirement, 'negative', `${left} = ${value}, against ${right}`, base, { set: { [left]: value } })),
    ],
  };
}

function operandValue(operand: Operand, request: RequestDocument, scope: string[]): number | undefined {
  if (typeof operand === 'string') return asNumber(valueAt(request, operand, scope));
  if ('value' in operand) return operand.value;
  const list = valueAt(request, operand.count, scope);
  return Array.isArray(list) ? list.length : undefined;
}

/** Edits that make a simple condition hold at the base, when the suite knows how. */
function editsToHold(condition: Condition, base: RequestDocument, scope: string[], context?: RuleMutationContext): RequestEdits | undefined {
  if ('allOf' in condition) {
    const parts = condition.allOf.map((inner) => editsToHold(inner, base, scope, context));
    if (parts.some((part) => !part)) return undefined;
    return parts.reduce<RequestEdits>((all, part) => ({ set: { ...all.set, ...part?.set }, unset: [...(all.unset ?? []), ...(part?.unset ?? [])] }), {});
  }
  if ('anyOf' in condition) return condition.anyOf.map((inner) => editsToHold(inner, base, scope, context)).find(Boolean);
  // A path through a list holds at its first item.
  const path = absolute(condition.path, scope).replace(/\/\*/g, '/0');
  if ('absent' in condition) return { unset: [path] };
  if ('present' in condition) {
    if (valueAt(base, path) !== undefined) return {};
    const value = context ? validValueAt(context, path) : undefined;
    return value === undefined ? undefined : { set: { [path]: value } };
  }
  if ('gt' in condition) return { set: { [path]: condition.gt + 1 } };
  if ('equals' in condition) return { set: { [path]: condition.equals } };
  if ('in' in condition) return { set: { [path]: condition.in[0] } };
  if ('matches' in condition) {
    // A few plain words, tried in turn: the first the pattern matches (a word that is no HTTP method, say).
    const word = MATCH_PROBES.find((probe) => new RegExp(condition.matches, 'u').test(probe));
    return word === undefined ? undefined : { set: { [path]: word } };
  }
  return undefined;
}

const MATCH_PROBES = ['conformance', 'CONFORMANCE', 'a', 'A', '0', 'x y', ''];

/**
 * The base and the node an `each` rule is checked at: the base's first match, or, when the base
 * has none (no block_device_mapping_v2), the base with a valid list filled in.
 */
function withScope(context: RuleMutationContext, rule: Rule): { base: RequestDocument; scope: string[] } | undefined {
  if (!rule.each) return { base: context.base, scope: [] };
  const first = matchNodes(context.base, rule.each)[0];
  if (first) return { base: context.base, scope: first.tokens };
  const listPointer = rule.each.replace(/\/\*$/, '');
  if (listPointer.includes('*')) return undefined;
  const value = validValueAt(context, listPointer, (candidate) => Array.isArray(candidate) && candidate.length > 0);
  if (value === undefined) return undefined;
  const base = withEdits(context.base, { set: { [listPointer]: value } });
  const filled = matchNodes(base, rule.each)[0];
  return filled ? { base, scope: filled.tokens } : undefined;
}

/** Requests for one rule: its boundary both ways for orderings, the simplest breach otherwise. */
export function ruleCandidates(context: RuleMutationContext, requirement: Requirement): RuleCandidates {
  const rule = requirement.rule;
  const { world } = context;
  if (!rule) return { notRunnable: 'not a rule' };
  const scoped = withScope(context, rule);
  if (!scoped) return { notRunnable: `the suite found no valid value for ${rule.each}` };
  const { base, scope } = scoped;
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return orderingCandidates(requirement, rule, base, scope);
    case 'atLeastOneOf': {
      const unset = rule.paths.map((path) => absolute(path, scope));
      return { candidates: [candidate(requirement, 'negative', `none of ${unset.join(', ')}`, base, { unset })] };
    }
    case 'requiredWhen': {
      const hold = editsToHold(rule.when, base, scope, context);
      if (!hold) return { notRunnable: 'the suite cannot make the condition hold from the base request' };
      const required = absolute(rule.required, scope);
      return { candidates: [candidate(requirement, 'negative', `${required} absent while the condition holds`, base, { ...hold, unset: [...(hold.unset ?? []), required] })] };
    }
    case 'forbiddenWhen': {
      const hold = editsToHold(rule.when, base, scope, context);
      const forbidden = editsToHold(rule.forbidden, base, scope, context);
      if (!hold || !forbidden) return { notRunnable: 'the suite cannot make both conditions hold from the base request' };
      return { candidates: [candidate(requirement, 'negative', 'the condition and the forbidden field together', base, { set: { ...hold.set, ...forbidden.set }, unset: [...(hold.unset ?? []), ...(forbidden.unset ?? [])] })] };
    }
    case 'mustExist': {
      // The last part of a key names the item (a volume's uuid after its source_type, a datastore's version after its type).
      const key = absolute([...rule.key].reverse().find((path) => !path.startsWith('/path/')) ?? rule.key[0] ?? '', scope);
      return { candidates: [candidate(requirement, 'negative', `${key} names nothing on the target`, base, { set: { [key]: UNKNOWN_ID } })] };
    }
    case 'mustBeInState': {
      const other = (world.collections?.[rule.collection] ?? []).find((item) => JSON.stringify(item[rule.field]) !== JSON.stringify(rule.equals) && item[rule.field] !== undefined);
      if (!other) return { notRunnable: `the fixtures hold no ${rule.collection} item whose ${rule.field} is not ${JSON.stringify(rule.equals)}` };
      const key = absolute(rule.key[0] ?? '', scope);
      return { candidates: [candidate(requirement, 'negative', `${key} names an item whose ${rule.field} is ${JSON.stringify(other[rule.field])}`, base, { set: { [key]: other.key[0] } })] };
    }
    case 'uniqueWithin': {
      // Every part of the key must be in the request for a second one to collide (a fixed IP, say).
      const set: Record<string, unknown> = {};
      for (const key of rule.key.map((path) => absolute(path, scope)).filter((path) => valueAt(base, path) === undefined)) {
        const value = validValueAt(context, key);
        if (value === undefined) return { notRunnable: `the suite found no valid value for ${key}` };
        set[key] = value;
      }
      const request = withEdits(base, { set });
      return { candidates: [{ ...candidate(requirement, 'negative', 'the same request twice: the second must conflict', request, {}), setup: [request] }] };
    }
    case 'withinQuota': {
      const quota = world.quotas?.[rule.quota];
      if (quota === undefined) return { notRunnable: `the quota ${rule.quota} is not configured` };
      const path = absolute(rule.path, scope);
      return { candidates: [candidate(requirement, 'negative', `${path} = ${quota + 1}, above the quota ${quota}`, base, { set: { [path]: quota + 1 } })] };
    }
    case 'callerOwns':
      return { candidates: [candidate(requirement, 'negative', 'another tenant, by a caller who is not an administrator', base, { set: { [absolute(rule.path, scope)]: '11111111-2222-4333-8444-555555555555' } })] };
    case 'mutuallyExclusive':
      return mutuallyExclusiveCandidates({ ...context, base }, requirement, rule.paths.map((path) => absolute(path, scope)));
    case 'keysDeclaredIn':
      return { candidates: [candidate(requirement, 'negative', 'a parameter the template does not declare', base, { set: { [`${absolute(rule.path, scope)}/conformance_undeclared`]: 'x' } })] };
    case 'valuesProvided': {
      const declarations = readDeclarations(valueAt(base, rule.declarations.path, scope), rule.declarations.pointer) ?? {};
      const withoutDefault = Object.entries(declarations).find(([, declaration]) => !(typeof declaration === 'object' && declaration !== null && 'default' in declaration));
      if (!withoutDefault) return { notRunnable: 'the base template declares no parameter without a default' };
      const path = `${absolute(rule.path, scope)}/${withoutDefault[0]}`;
      return { candidates: [candidate(requirement, 'negative', `no value for the template parameter ${withoutDefault[0]}`, base, { unset: [path] })] };
    }
    case 'methodNotAllowed':
      return { candidates: rule.methods.map((method) => candidate(requirement, 'negative', `${method} instead of POST`, base, { set: { '/method': method } })) };
    default:
      return { notRunnable: `${rule.kind} is checked another way` };
  }
}

function isNonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return value !== undefined && value !== null && value !== '';
}

/** Both paths present: the second gets the first's value when the shapes match (a list of mappings). */
function mutuallyExclusiveCandidates(context: RuleMutationContext, requirement: Requirement, paths: string[]): RuleCandidates {
  const missing = paths.filter((path) => valueAt(context.base, path) === undefined);
  const set: Record<string, unknown> = {};
  for (const path of missing) {
    // An empty list may be read as "not given": only two non-empty ones break the rule under every reading.
    const value = validValueAt(context, path, isNonEmpty);
    if (value === undefined) return { notRunnable: `the suite found no valid non-empty value for ${path}` };
    set[path] = value;
  }
  const both = repairReferences(context.spec.requirements, withEdits(context.base, { set }), context.world);
  return { candidates: [{ requirementId: requirement.id, polarity: 'negative', description: `${paths.join(' and ')} together`, request: both }] };
}

