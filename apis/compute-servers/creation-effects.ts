import type { RequestDocument } from '../../engine/request/request-document.ts';
import { matchNodes } from '../../engine/rules/rule-paths.ts';
import type { CreationEffects } from '../api-definition.ts';

/** A fixed IP is in use once a server holds it; a port likewise; a volume is attached to it. */
export function creationEffectsOf(request: RequestDocument): CreationEffects {
  const effects: CreationEffects = { adds: [], changes: [] };
  for (const network of matchNodes(request, '/body/server/networks/*')) {
    const item = network.value as { uuid?: string; fixed_ip?: string; port?: string };
    if (item.uuid && item.fixed_ip) effects.adds.push({ collection: 'fixedIps', item: { key: [item.uuid, item.fixed_ip] } });
    if (item.port !== undefined) effects.changes.push({ collection: 'ports', key: [item.port], field: 'inUse', value: true });
  }
  for (const mapping of matchNodes(request, '/body/server/block_device_mapping_v2/*')) {
    const item = mapping.value as { source_type?: string; uuid?: string };
    if (item.source_type === 'volume' && item.uuid !== undefined)
      effects.changes.push({ collection: 'blockDeviceSources', key: ['volume', item.uuid], field: 'attached', value: true });
  }
  return effects;
}
