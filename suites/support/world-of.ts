import type { LoadedSpec } from '../../engine/spec-loader.ts';
import { worldFromData, type WorldData } from '../../engine/world-from-data.ts';
import type { World } from '../../engine/world.ts';

/** The world of a case table, its credentials read from the header each security scheme names. */
export function worldOf(spec: LoadedSpec, data: WorldData | undefined): World {
  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, { in?: string; name?: string }>;
  return worldFromData(data ?? {}, (scheme) => (schemes[scheme]?.in === 'header' ? schemes[scheme]?.name : undefined));
}
