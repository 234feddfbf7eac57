import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { apiDefinition } from './catalogue.ts';
import { fixturesOf } from './api-fixtures.ts';

/**
 * What exists on the mock, per API, from the config's fixtures: the collections the specs'
 * stateful rules name (mustExist, mustBeInState, uniqueWithin…), the quotas and the caller
 * (each API folder's world.ts).
 */
export function worldFromFixtures(api: ApiName, config: ConformanceConfig): WorldData {
  return apiDefinition(api).world(fixturesOf(api, config));
}

/**
 * `fixtures.<api>.<key>`: the fixture that would decide a collection, a quota or the caller
 * (`caller`), or give an item of a collection in another state (`<collection>.<field>`).
 */
export function decidingFixture(api: ApiName, subject: string): string | undefined {
  const key = apiDefinition(api).decidingFixtures[subject];
  return key ? `fixtures.${api}.${key}` : undefined;
}
