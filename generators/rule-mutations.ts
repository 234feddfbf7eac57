import type { Operand, Requirement, Rule } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { asNumber, matchNodes, valueAt } from '../engine/rules/rule-paths.ts';
import { readDeclarations } from '../engine/rules/template-declarations.ts';
import { validValueAt } from './schema-mutations.ts';
import { repairReferences } from './reference-repair.ts';
import { absolute, candidate, type RuleCandidates, type RuleMutationContext } from './rule-candidate.ts';
import { editsToHold } from './condition-edits.ts';
import { fixturesGiving, undecidableFor, wantingValueAt } from './missing-fixtures.ts';
import { patternsReadBy } from './rule-read-paths.ts';
import { callerCandidates, quotaCandidates, stateCandidates } from './stateful-candidates.ts';
import { atMostOneCandidates } from './at-most-one-candidates.ts';
import { settled } from './candidate-settling.ts';

export type { RuleCandidates, RuleMutationContext } from './rule-candidate.ts';

type RequiredWhen = Extract<Rule, { kind: 'requiredWhen' }>;
type MustExist = Extract<Rule, { kind: 'mustExist' }>;
type UniqueWithin = Extract<Rule, { kind: 'uniqueWithin' }>;
type ValuesProvided = Extract<Rule, { kind: 'valuesProvided' }>;

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000c0de';

/** Text that is no JSON object and no YAML mapping: an unclosed brace, a plain word. */
const NOT_AN_OBJECT_TEXT = ['{', 'conformance'];

function orderingCandidates(
  requirement: Requirement,
  rule: Extract<Rule, { kind: 'lessThan' | 'lessOrEqual' }>,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
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
  if (!rule) return { notRunnable: 'not a rule' };
  const undecidable = undecidableFor(context.spec.api, rule, context.world);
  if (undecidable) return { notRunnable: undecidable };
  const scoped = withScope(context, rule);
  if (!scoped)
    return { notRunnable: wantingValueAt(context.spec.api, context.spec.requirements, rule.each ?? '', `the suite found no valid value for ${rule.each}`) };
  const { base, scope } = scoped;
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return orderingCandidates(requirement, rule, base, scope);
    case 'atLeastOneOf': {
      const unset = rule.paths.map((path) => absolute(path, scope));
      return { candidates: [candidate(requirement, 'negative', `none of ${unset.join(', ')}`, base, { unset })] };
    }
    case 'requiredWhen':
      return requiredWhenCandidates(context, requirement, rule, base, scope);
    case 'forbiddenWhen':
      return forbiddenWhenCandidates(context, requirement, rule, base, scope);
    case 'mustExist':
      return mustExistCandidates(requirement, rule, base, scope);
    case 'mustBeInState':
      return stateCandidates(context, requirement, rule, base, scope);
    case 'uniqueWithin':
      return uniqueWithinCandidates(context, requirement, rule, base, scope);
    case 'withinQuota':
      return quotaCandidates(context, requirement, rule, base, scope);
    case 'callerOwns':
      return callerCandidates(context, requirement, rule, base, scope);
    case 'atMostOne':
      return atMostOneCandidates(context, requirement, rule, base, scope);
    case 'parsesAs':
      return parsesAsCandidates(context, requirement, absolute(rule.path, scope), base);
    case 'mutuallyExclusive':
      return mutuallyExclusiveCandidates(
        { ...context, base },
        requirement,
        rule.paths.map((path) => absolute(path, scope)),
      );
    case 'keysDeclaredIn':
      return {
        candidates: [
          candidate(requirement, 'negative', 'a parameter the template does not declare', base, {
            set: { [`${absolute(rule.path, scope)}/conformance_undeclared`]: 'x' },
          }),
        ],
      };
    case 'valuesProvided':
      return valuesProvidedCandidates(requirement, rule, base, scope);
    case 'methodNotAllowed':
      return {
        candidates: rule.methods.map((method) => candidate(requirement, 'negative', `${method} instead of POST`, base, { set: { '/method': method } })),
      };
    default:
      return { notRunnable: `${rule.kind} is checked another way` };
  }
}

/** The required field absent while its condition holds. */
function requiredWhenCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: RequiredWhen,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const hold = editsToHold(rule.when, base, scope, context);
  if (!hold) return { notRunnable: 'the suite cannot make the condition hold from the base request' };
  const required = absolute(rule.required, scope);
  return {
    candidates: [
      candidate(requirement, 'negative', `${required} absent while the condition holds`, base, { ...hold, unset: [...(hold.unset ?? []), required] }),
    ],
  };
}

function mustExistCandidates(requirement: Requirement, rule: MustExist, base: RequestDocument, scope: string[]): RuleCandidates {
  // The last part of a key names the item (a volume's uuid after its source_type, a datastore's version after its type).
  const key = absolute([...rule.key].reverse().find((path) => !path.startsWith('/path/')) ?? rule.key[0] ?? '', scope);
  return { candidates: [candidate(requirement, 'negative', `${key} names nothing on the target`, base, { set: { [key]: UNKNOWN_ID } })] };
}

/** The same request twice, the second conflicting with the first. */
function uniqueWithinCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: UniqueWithin,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
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

/** No value for a template parameter the base declares without a default. */
function valuesProvidedCandidates(requirement: Requirement, rule: ValuesProvided, base: RequestDocument, scope: string[]): RuleCandidates {
  const declarations = readDeclarations(valueAt(base, rule.declarations.path, scope), rule.declarations.pointer) ?? {};
  const withoutDefault = Object.entries(declarations).find(
    ([, declaration]) => !(typeof declaration === 'object' && declaration !== null && 'default' in declaration),
  );
  if (!withoutDefault) return { notRunnable: 'the base template declares no parameter without a default' };
  const path = `${absolute(rule.path, scope)}/${withoutDefault[0]}`;
  return { candidates: [candidate(requirement, 'negative', `no value for the template parameter ${withoutDefault[0]}`, base, { unset: [path] })] };
}

/** The condition and the forbidden field together, the first way each can hold. */
function forbiddenWhenCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: Extract<Rule, { kind: 'forbiddenWhen' }>,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const hold = editsToHold(rule.when, base, scope, context);
  const forbidden = editsToHold(rule.forbidden, base, scope, context);
  if (!hold || !forbidden) {
    const unfilled = patternsReadBy(rule).find((pointer) => fixturesGiving(context.spec.api, context.spec.requirements, pointer).length > 0);
    const why = 'the suite cannot make both conditions hold from the base request';
    return { notRunnable: unfilled ? wantingValueAt(context.spec.api, context.spec.requirements, unfilled, why) : why };
  }
  return {
    candidates: [
      candidate(requirement, 'negative', 'the condition and the forbidden field together', base, {
        set: { ...hold.set, ...forbidden.set },
        unset: [...(hold.unset ?? []), ...(forbidden.unset ?? [])],
      }),
    ],
  };
}

/** Text that is no object under any of the media types, with what read the old text (the template's parameters) settled. */
function parsesAsCandidates(context: RuleMutationContext, requirement: Requirement, path: string, base: RequestDocument): RuleCandidates {
  return {
    candidates: NOT_AN_OBJECT_TEXT.map((text) =>
      candidate(
        requirement,
        'negative',
        `${path} = ${JSON.stringify(text)}: neither a JSON object nor a YAML mapping`,
        settled(context, withEdits(base, { set: { [path]: text } }), requirement.id, [path]),
        {},
      ),
    ),
  };
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
