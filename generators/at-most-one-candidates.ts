import type { Requirement, Rule } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { parsePointer } from '../engine/request/json-pointer.ts';
import { validValueAt } from './schema-mutations.ts';
import { absolute, candidate, type RuleCandidates, type RuleMutationContext } from './rule-candidate.ts';
import { editedPointers, editsToHold } from './condition-edits.ts';
import { settled } from './candidate-settling.ts';

type AtMostOne = Extract<Rule, { kind: 'atMostOne' }>;

/**
 * The members of a list's items that are positions in it: bounded by the list's length (a boot
 * index, "0-Number of mapping device"). Two copies of an item each take their own position, so
 * they differ only where the rule needs them alike.
 */
function positionMembers(requirements: Requirement[], items: string, listPath: string): string[] {
  return requirements.flatMap(({ rule }) => {
    if ((rule?.kind !== 'lessOrEqual' && rule?.kind !== 'lessThan') || rule.each !== items || typeof rule.left !== 'string') return [];
    const right = rule.right;
    return typeof right === 'object' && 'count' in right && right.count === listPath && !rule.left.startsWith('/') ? [rule.left] : [];
  });
}

function placedAt(item: unknown, position: number, members: string[]): unknown {
  const copy = structuredClone(item) as Record<string, unknown>;
  for (const member of members) if (typeof copy[member] === 'number') copy[member] = position;
  return copy;
}

/** atMostOne: one item matching (boundary, inside) and two (outside): two swap devices. */
export function atMostOneCandidates(
  context: RuleMutationContext,
  requirement: Requirement,
  rule: AtMostOne,
  base: RequestDocument,
  scope: string[],
): RuleCandidates {
  const items = absolute(rule.items, scope);
  const listPointer = items.replace(/\/\*$/, '');
  if (listPointer === items || listPointer.includes('*')) return { notRunnable: `the suite fills only a list named without a wildcard, not ${rule.items}` };
  const list = valueAt(base, listPointer) ?? validValueAt(context, listPointer, (value) => Array.isArray(value) && value.length > 0);
  if (!Array.isArray(list) || list.length === 0) return { notRunnable: `the suite found no valid value for ${listPointer}` };
  const withOne = withEdits(base, { set: { [listPointer]: [list[0]] } });
  const itemScope = parsePointer(`${listPointer}/0`);
  const hold = editsToHold(rule.where, withOne, itemScope, context);
  if (!hold) return { notRunnable: 'the suite cannot make an item match the condition' };
  const one = settled(context, withEdits(withOne, hold), undefined, editedPointers(hold));
  const item = valueAt(one, `${listPointer}/0`);
  const positions = positionMembers(context.spec.requirements, rule.items, listPointer);
  const two = withEdits(one, { set: { [listPointer]: [item, placedAt(item, 1, positions)] } });
  return {
    candidates: [
      candidate(requirement, 'positive', `one item of ${listPointer} that matches (boundary, inside)`, one, {}),
      candidate(requirement, 'negative', `two items of ${listPointer} that match`, two, {}),
    ],
  };
}
