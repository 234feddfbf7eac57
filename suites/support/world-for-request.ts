import type { Requirement } from '../../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import { referencedItems } from '../../engine/rules/rule-references.ts';
import type { WorldData } from '../../engine/world/world-from-data.ts';
import { sameKey } from '../../engine/rules/rule-keys.ts';

/** A world that also holds everything the request names (in the state its rules ask for). */
export function worldHolding(requirements: Requirement[], request: RequestDocument, world: WorldData): WorldData {
  const grown = structuredClone(world);
  grown.collections ??= {};
  for (const item of referencedItems(requirements, request)) {
    const collection = (grown.collections[item.collection] ??= []);
    const existing = collection.find((candidate) => sameKey(candidate.key, item.key));
    const entry = existing ?? { key: item.key };
    if (item.state) entry[item.state.field] = item.state.equals;
    if (!existing) collection.push(entry);
  }
  return grown;
}
