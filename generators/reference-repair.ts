import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData, WorldItem } from '../engine/world/world-from-data.ts';
import { heldKeyIdentity, keyIdentity, ruleKeyPointers, ruleKeyValues, ruleScopes } from '../engine/rules/rule-keys.ts';
import { applyEditsInPlace, withEdits, type RequestEdits } from '../engine/request/request-edits.ts';
import { expectedState } from '../engine/rules/expected-state.ts';

/** The items a rule's key may name: any for mustExist, those in the state asked for mustBeInState (none while that state is unknown). */
function usableItems(
  rule: Extract<Requirement['rule'], { kind: 'mustExist' | 'mustBeInState' }>,
  items: WorldItem[],
  request: RequestDocument,
  scope: string[],
): WorldItem[] {
  if (rule.kind === 'mustExist') return items;
  const expected = expectedState(rule, request, scope);
  return expected.known ? items.filter((item) => JSON.stringify(item[rule.field]) === JSON.stringify(expected.value)) : [];
}

/** The body pointers of a rule's key in each scope it is checked in (none when a key part lies outside the body). */
function keyPointers(rule: { key: string[]; each?: string }, request: RequestDocument): string[][] {
  return ruleScopes(rule, request)
    .filter((scope) => ruleKeyValues(rule, request, scope) !== undefined)
    .map((scope) => ruleKeyPointers(rule, scope))
    .filter((pointers) => pointers.every((pointer) => pointer.startsWith('/body/')));
}

/**
 * A generated value names things (a flavor, a volume, a network) at random; a valid request
 * must name what the target holds. For each mustExist / mustBeInState rule whose key names
 * nothing the world holds, the key is replaced by an item's key that satisfies the rule. Where
 * the fixtures say nothing of the collection (no key pair, no availability zone configured),
 * the naming field is left out: a valid case never names what the config does not give.
 */
export function repairReferences(requirements: Requirement[], request: RequestDocument, world: WorldData): RequestDocument {
  let repaired = request;
  // The request is copied at its first repair only: the copy is this function's own, so later repairs edit it in place.
  const edit = (edits: RequestEdits): void => {
    repaired = repaired === request ? withEdits(request, edits) : applyEditsInPlace(repaired, edits);
  };
  for (const { rule } of requirements) {
    if (rule?.kind !== 'mustExist' && rule?.kind !== 'mustBeInState') continue;
    if (!world.collections?.[rule.collection]) {
      const naming = keyPointers(rule, repaired).map((pointers) => pointers[pointers.length - 1] as string);
      if (naming.length) edit({ unset: naming });
      continue;
    }
    const items = world.collections[rule.collection] ?? [];
    for (const scope of ruleScopes(rule, repaired)) {
      const usable = usableItems(rule, items, repaired, scope);
      const replacement = usable[0];
      const key = ruleKeyValues(rule, repaired, scope);
      if (!replacement || !key) continue;
      // An item the key names already, and usable: nothing to repair (usable is a part of items).
      const identity = keyIdentity(key);
      if (usable.some((item) => heldKeyIdentity(item.key) === identity)) continue;
      // Only keys inside the body are the generator's to choose; the path names the fixtures.
      const pointers = ruleKeyPointers(rule, scope);
      if (pointers.some((pointer) => !pointer.startsWith('/body/'))) continue;
      edit({ set: Object.fromEntries(pointers.map((pointer, index) => [pointer, replacement.key[index]])) });
    }
  }
  return repaired;
}
