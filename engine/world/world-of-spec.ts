import type { LoadedSpec } from '../spec/spec-loader.ts';
import { worldFromData, type WorldData } from './world-from-data.ts';
import type { World } from './world.ts';
import { credentialHeaderOf } from '../spec/security-schemes.ts';

/** A world as data made a World for a spec: credentials are read from the header each security scheme names. */
export function worldOf(spec: LoadedSpec, data: WorldData | undefined): World {
  return worldFromData(data ?? {}, (scheme) => credentialHeaderOf(spec, scheme));
}
