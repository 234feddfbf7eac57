import type { ApiName } from './api-catalogue.ts';
import type { RequestDocument } from './request-document.ts';
import type { WorldData } from './world-from-data.ts';
import { sameKey } from './rule-keys.ts';
import { valueAt, matchNodes } from './rule-paths.ts';

type Item = { key: unknown[]; [field: string]: unknown };

/** What a successful create changes on the target: items it adds (a stack), and items it puts in another state (a port now in use). */
interface Effects {
  adds: { collection: string; item: Item }[];
  changes: { collection: string; key: unknown[]; field: string; value: unknown }[];
}

const NONE: Effects = { adds: [], changes: [] };

const EFFECTS: Partial<Record<ApiName, (request: RequestDocument) => Effects>> = {
  // A second stack of the same name in the tenant must now conflict (409).
  'orchestration-stacks': (request) => ({ adds: [{ collection: 'stacks', item: { key: [request.path.tenant_id, valueAt(request, '/body/stack_name')] } }], changes: [] }),
  // A fixed IP is in use once a server holds it; a port likewise; a volume is attached to it.
  'compute-servers': (request) => {
    const effects: Effects = { adds: [], changes: [] };
    for (const network of matchNodes(request, '/body/server/networks/*')) {
      const item = network.value as { uuid?: string; fixed_ip?: string; port?: string };
      if (item.uuid && item.fixed_ip) effects.adds.push({ collection: 'fixedIps', item: { key: [item.uuid, item.fixed_ip] } });
      if (item.port !== undefined) effects.changes.push({ collection: 'ports', key: [item.port], field: 'inUse', value: true });
    }
    for (const mapping of matchNodes(request, '/body/server/block_device_mapping_v2/*')) {
      const item = mapping.value as { source_type?: string; uuid?: string };
      if (item.source_type === 'volume' && item.uuid !== undefined) effects.changes.push({ collection: 'blockDeviceSources', key: ['volume', item.uuid], field: 'attached', value: true });
    }
    return effects;
  },
};

/** The items of the world a create puts in another state than they are in (empty: it changes none). */
function pendingChanges(api: ApiName, world: WorldData, request: RequestDocument): { item: Item; field: string; value: unknown }[] {
  return (EFFECTS[api]?.(request) ?? NONE).changes.flatMap(({ collection, key, field, value }) => {
    const item = world.collections?.[collection]?.find((candidate) => sameKey(candidate.key, key));
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
  for (const { collection, item } of (EFFECTS[api]?.(request) ?? NONE).adds) {
    world.collections ??= {};
    (world.collections[collection] ??= []).push(item);
  }
  applyStateChanges(api, world, request);
}
