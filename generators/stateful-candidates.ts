import type { Requirement, Rule } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { ruleKeyPointers, ruleKeyValues, sameKey } from '../engine/rules/rule-keys.ts';
import type { WorldItem } from '../engine/world/world-from-data.ts';
import { formatPointer } from '../engine/request/json-pointer.ts';
import { validValueAt, type Candidate } from './schema-mutations.ts';
import { absolute, candidate, type RuleCandidates, type RuleMutationContext } from './rule-candidate.ts';
import { settled, shrunk } from './candidate-settling.ts';
import { namingFixture, wantingValueAt } from './missing-fixtures.ts';

type StateRule = Extract<Rule, { kind: 'mustBeInState' }>;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The request value the item's state is compared with: the rule's constant, or the request's at `sameAs`, filled in when the base lacks it. */
function comparedWith(context: RuleMutationContext, rule: StateRule, base: RequestDocument, scope: string[]): { pointer?: string; value: unknown } | undefined {
  if (rule.sameAs === undefined) return { value: rule.equals };
  const pointer = absolute(rule.sameAs, scope);
  const value = valueAt(base, pointer) ?? validValueAt(context, pointer);
  return value === undefined ? undefined : { pointer, value };
}

/**
 * The request naming one item: its key set (the whole key, a volume's source_type with its
 * uuid), the compared value beside it, the rules it disturbs settled, and, in a list item,
 * the members it does not need left out (a network uuid beside a port).
 */
function naming(
  context: RuleMutationContext,
  rule: StateRule,
  base: RequestDocument,
  scope: string[],
  item: WorldItem,
  compared: { pointer?: string; value: unknown },
  target: string | undefined,
): RequestDocument {
  const keyPointers = ruleKeyPointers(rule, scope);
  const set = Object.fromEntries(keyPointers.map((pointer, index) => [pointer, item.key[index]]));
  if (compared.pointer) set[compared.pointer] = compared.value;
  const fixed = [...keyPointers, ...(compared.pointer ? [compared.pointer] : [])];
  const edited = settled(context, withEdits(base, { set }), target, fixed);
  return rule.each ? shrunk(context, edited, formatPointer(scope), target, fixed) : edited;
}

function namesItem(rule: StateRule, request: RequestDocument, scope: string[], item: WorldItem): boolean {
  const key = ruleKeyValues(rule, request, scope);
  return key !== undefined && sameKey(key, item.key);
}

/**
 * mustBeInState: a negative naming an item in another state (a port in use, an image not
 * active), and a positive naming one in the state asked when the base names none (a free port).
 */
export function stateCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: StateRule,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const compared = comparedWith(context, rule, base, scope);
  if (!compared)
    return {
      notRunnable: wantingValueAt(
        context.spec.api,
        context.spec.requirements,
        absolute(rule.sameAs ?? '', scope),
        `the suite found no valid value for ${rule.sameAs}`,
      ),
    };
  const items = context.world.collections?.[rule.collection] ?? [];
  const inState = items.filter((item) => sameJson(item[rule.field], compared.value));
  const other = items.find((item) => item[rule.field] !== undefined && !sameJson(item[rule.field], compared.value));
  const expected = JSON.stringify(compared.value);
  if (!other)
    return {
      notRunnable: namingFixture(
        context.spec.api,
        `${rule.collection}.${rule.field}`,
        `the fixtures hold no ${rule.collection} item whose ${rule.field} is not ${expected}`,
      ),
    };
  const candidates: Candidate[] = [
    candidate(
      requirement,
      'negative',
      `${rule.collection} ${JSON.stringify(other.key)}, whose ${rule.field} is ${JSON.stringify(other[rule.field])}, not ${expected}`,
      naming(context, rule, base, scope, other, compared, requirement.id),
      {},
    ),
  ];
  const alreadyNamed = inState.some((item) => namesItem(rule, base, scope, item));
  const usable = inState[0];
  if (usable && !alreadyNamed) {
    candidates.push(
      candidate(
        requirement,
        'positive',
        `${rule.collection} ${JSON.stringify(usable.key)}, whose ${rule.field} is ${expected}`,
        naming(context, rule, base, scope, usable, compared, undefined),
        {},
      ),
    );
  }
  return { candidates };
}

/** Quota + 1 of a number, or of a list's items or an object's members (metadata items item1, item2…, each with a valid value). */
function aboveQuota(context: RuleMutationContext, base: RequestDocument, path: string, quota: number): unknown {
  const current =
    valueAt(base, path) ??
    validValueAt(context, path, (value) => typeof value === 'number' || (typeof value === 'object' && value !== null && Object.keys(value).length > 0));
  const count = quota + 1;
  if (Array.isArray(current)) return Array.from({ length: count }, () => structuredClone(current[0]));
  if (typeof current === 'object' && current !== null) {
    const value = Object.values(current)[0];
    return Object.fromEntries(Array.from({ length: count }, (_, index) => [`item${index + 1}`, value]));
  }
  return count;
}

export function quotaCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: Extract<Rule, { kind: 'withinQuota' }>,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const quota = context.world.quotas?.[rule.quota] as number;
  const path = absolute(rule.path, scope);
  const value = aboveQuota(context, base, path, quota);
  const counted = typeof value === 'object' && value !== null ? ' items' : '';
  return { candidates: [candidate(requirement, 'negative', `${path}: ${quota + 1}${counted}, above the quota ${quota}`, base, { set: { [path]: value } })] };
}

const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/** Another tenant named: refused to a caller who is no administrator, accepted from one who is. */
export function callerCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: Extract<Rule, { kind: 'callerOwns' }>,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const set = { [absolute(rule.path, scope)]: OTHER_TENANT };
  if (context.world.caller?.admin)
    return { candidates: [candidate(requirement, 'positive', 'another tenant, by a caller who is an administrator', base, { set })] };
  return { candidates: [candidate(requirement, 'negative', 'another tenant, by a caller who is not an administrator', base, { set })] };
}
