import type { Requirement } from '../engine/requirement-model.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import type { WorldData } from '../engine/world-from-data.ts';
import { normalizeKeyPart } from '../engine/world-from-data.ts';
import { matchNodes, valueAt } from '../engine/rule-paths.ts';
import { absoluteTokens } from '../engine/rule-paths.ts';
import { formatPointer } from '../engine/json-pointer.ts';
import { withEdits } from '../engine/request-edits.ts';

type Item = { key: unknown[]; [field: string]: unknown };

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((part, index) => normalizeKeyPart(part) === normalizeKeyPart(b[index]));
}

/**
 * A generated value names things (a flavor, a volume, a network) at random; a valid request
 * must name what the target holds. For each mustExist / mustBeInState rule whose key names
 * nothing the world holds, the key is replaced by an item's key that satisfies the rule.
 */
export function repairReferences(requirements: Requirement[], request: RequestDocument, world: WorldData): RequestDocument {
  let repaired = request;
  for (const { rule } of requirements) {
    if (rule?.kind !== 'mustExist' && rule?.kind !== 'mustBeInState') continue;
    const items = (world.collections?.[rule.collection] ?? []) as Item[];
    const usable = rule.kind === 'mustBeInState' ? items.filter((item) => JSON.stringify(item[rule.field]) === JSON.stringify(rule.equals)) : items;
    const replacement = usable[0];
    if (!replacement) continue;
    const scopes = rule.each ? matchNodes(repaired, rule.each).map((node) => node.tokens) : [[]];
    for (const scope of scopes) {
      const key = rule.key.map((path) => valueAt(repaired, path, scope));
      if (key.some((part) => part === undefined) || items.some((item) => sameKey(item.key, key) && usable.includes(item))) continue;
      // Only keys inside the body are the generator's to choose; the path names the fixtures.
      const pointers = rule.key.map((path) => formatPointer(absoluteTokens(path, scope)));
      if (pointers.some((pointer) => !pointer.startsWith('/body/'))) continue;
      repaired = withEdits(repaired, { set: Object.fromEntries(pointers.map((pointer, index) => [pointer, replacement.key[index]])) });
    }
  }
  return repaired;
}
