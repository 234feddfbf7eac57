import type { LoadedSpec } from '../spec/spec-loader.ts';
import { worldFromData, type WorldData } from './world-from-data.ts';
import type { World } from './world.ts';
import { credentialHeaderOf } from '../spec/security-schemes.ts';

/** The world of no data: the same object each time, so its World is made once per spec too. */
const NO_DATA: WorldData = Object.freeze({});

/** A World reads its data as it is at each call, so one per spec and data serves every request judged in it. */
const worlds = new WeakMap<LoadedSpec, WeakMap<WorldData, World>>();

/** A world as data made a World for a spec: credentials are read from the header each security scheme names. */
export function worldOf(spec: LoadedSpec, data: WorldData | undefined): World {
  const key = data ?? NO_DATA;
  let ofSpec = worlds.get(spec);
  if (!ofSpec) {
    ofSpec = new WeakMap();
    worlds.set(spec, ofSpec);
  }
  let world = ofSpec.get(key);
  if (!world) {
    world = worldFromData(key, (scheme) => credentialHeaderOf(spec, scheme));
    ofSpec.set(key, world);
  }
  return world;
}
