import type { ApiName } from '../engine/api-catalogue.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import { normalizeKeyPart, type WorldData } from '../engine/world-from-data.ts';
import { valueAt, matchNodes } from '../engine/rule-paths.ts';

type Effect = (world: WorldData, request: RequestDocument) => void;

function collection(world: WorldData, name: string) {
  world.collections ??= {};
  world.collections[name] ??= [];
  return world.collections[name];
}

/** What a successful create changes on the target, where a later request can see it. */
const EFFECTS: Partial<Record<ApiName, Effect>> = {
  // A second stack of the same name in the tenant must now conflict (409).
  'orchestration-stacks': (world, request) => {
    collection(world, 'stacks').push({ key: [request.path.tenant_id, valueAt(request, '/body/stack_name')] });
  },
  // A fixed IP is in use once a server holds it; a port likewise.
  'compute-servers': (world, request) => {
    for (const network of matchNodes(request, '/body/server/networks/*')) {
      const item = network.value as { uuid?: string; fixed_ip?: string; port?: string };
      if (item.uuid && item.fixed_ip) collection(world, 'fixedIps').push({ key: [item.uuid, item.fixed_ip] });
      const port = item.port === undefined ? undefined : collection(world, 'ports').find((candidate) => normalizeKeyPart(candidate.key[0]) === normalizeKeyPart(item.port));
      if (port) port.inUse = true;
    }
  },
};

export function applyCreationEffects(api: ApiName, world: WorldData, request: RequestDocument): void {
  EFFECTS[api]?.(world, request);
}
