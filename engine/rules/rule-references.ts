import type { Requirement } from '../spec/requirement-model.ts';
import type { RequestDocument } from '../request/request-document.ts';
import { ruleKeyValues, ruleScopes } from './rule-keys.ts';
import { expectedState } from './expected-state.ts';

/** An item a request names that must exist on the target (and be in a state), by a stateful rule. */
export interface ReferencedItem {
  collection: string;
  key: unknown[];
  state?: { field: string; equals: unknown };
}

/**
 * What a request needs the target to hold for its mustExist / mustBeInState rules to hold:
 * e.g. the pool its pool_id names, ACTIVE. Keys with an absent part are skipped.
 */
export function referencedItems(requirements: Requirement[], request: RequestDocument): ReferencedItem[] {
  const items: ReferencedItem[] = [];
  for (const { rule } of requirements) {
    if (rule?.kind !== 'mustExist' && rule?.kind !== 'mustBeInState') continue;
    for (const scope of ruleScopes(rule, request)) {
      const key = ruleKeyValues(rule, request, scope);
      if (!key) continue;
      const expected = rule.kind === 'mustBeInState' ? expectedState(rule, request, scope) : undefined;
      items.push({
        collection: rule.collection,
        key,
        ...(expected?.known && rule.kind === 'mustBeInState' ? { state: { field: rule.field, equals: expected.value } } : {}),
      });
    }
  }
  return items;
}
