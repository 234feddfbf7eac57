import type { LoadedSpec } from './spec-loader.ts';
import { worldFromData, type WorldData } from './world-from-data.ts';
import type { World } from './world.ts';

/** A world as data made a World for a spec: credentials are read from the header each security scheme names. */
export function worldOf(spec: LoadedSpec, data: WorldData | undefined): World {
  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, { in?: string; name?: string }>;
  return worldFromData(data ?? {}, (scheme) => (schemes[scheme]?.in === 'header' ? schemes[scheme]?.name : undefined));
}
