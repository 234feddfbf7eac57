import type { ApiName } from '../engine/api-name.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { itemWithKey, type WorldData, type WorldItem } from '../engine/world/world-from-data.ts';
import type { CreationEffects } from './api-definition.ts';
import { apiDefinition } from './catalogue.ts';

const NONE: CreationEffects = { adds: [], changes: [] };

/** What a successful create of this API changes (its folder's creation-effects.ts; none for most). */
function effectsOf(api: ApiName, request: RequestDocument): CreationEffects {
  return apiDefinition(api).creationEffects?.(request) ?? NONE;
}

/** The items of the world a create puts in another state than they are in (empty: it changes none). */
function pendingChanges(api: ApiName, world: WorldData, request: RequestDocument): { item: WorldItem; field: string; value: unknown }[] {
  return effectsOf(api, request).changes.flatMap(({ collection, key, field, value }) => {
    const items = world.collections?.[collection];
    const item = items && itemWithKey(items, key);
    return item && JSON.stringify(item[field]) !== JSON.stringify(value) ? [{ item, field, value }] : [];
  });
}

/** Does creating this change the state of something the world holds (a free port, a volume)? Only one such create can succeed. */
export function changesState(api: ApiName, world: WorldData, request: RequestDocument): boolean {
  return pendingChanges(api, world, request).length > 0;
}

/** The state changes alone: what the planner records (the items a create adds are its uniqueWithin claims). */
export function applyStateChanges(api: ApiName, world: WorldData, request: RequestDocument): void {
  for (const { item, field, value } of pendingChanges(api, world, request)) item[field] = value;
}

/** Everything a successful create changes, where a later request can see it (the mock's state). */
export function applyCreationEffects(api: ApiName, world: WorldData, request: RequestDocument): void {
  for (const { collection, item } of effectsOf(api, request).adds) {
    world.collections ??= {};
    (world.collections[collection] ??= []).push(item);
  }
  applyStateChanges(api, world, request);
}
