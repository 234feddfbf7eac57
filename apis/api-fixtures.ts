import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig, FixtureSet } from '../engine/config/config-model.ts';
import { ConfigError } from '../engine/errors.ts';

/** The config's fixtures of one API (loadConfig fills in the embedded mock's where the file gives none). */
export function fixturesOf(api: ApiName, config: ConformanceConfig): FixtureSet {
  const fixtures = config.fixtures[api];
  if (!fixtures)
    throw new ConfigError(
      `the config gives no fixtures for ${api}`,
      `Add "fixtures": { "${api}": { … } } to the config file (apis/${api}/fixtures.schema.json gives the keys).`,
    );
  return fixtures;
}

/**
 * A typed reader of one API's fixtures, for code that knows the API (tests, tools): the config's
 * schema has checked their shape, so the type is the API folder's fixtures.ts interface.
 */
export function typedFixtures<F extends object>(api: ApiName): (config: ConformanceConfig) => F {
  return (config) => fixturesOf(api, config) as unknown as F;
}
