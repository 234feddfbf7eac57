import { afterAll, beforeAll } from 'vitest';
import { API_NAMES } from '../../apis/catalogue.ts';
import type { ApiName } from '../../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../../apis/config.ts';
import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import type { LoadedSpec } from '../../engine/spec/spec-loader.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import type { WorldData } from '../../engine/world/world-from-data.ts';
import { startMock, type MockOptions, type RunningMock } from '../../mock/mock-server.ts';
import { readRuleCaseTable, type RuleCaseTable } from './rule-case-table.ts';

/** The config the mock tests use: the default fixtures, and the case tables' token. */
export const TEST_CONFIG: ConformanceConfig = { ...DEFAULT_CONFIG, auth: { ...DEFAULT_CONFIG.auth, token: 'good-token' } };

export interface MockFixture {
  mock: RunningMock;
  specs: Map<ApiName, LoadedSpec>;
  tables: Map<ApiName, RuleCaseTable>;
}

/** Starts one mock for a test file (with the case tables' worlds) and stops it after. */
export function useMock(options: MockOptions = {}): MockFixture {
  const fixture = {} as MockFixture;
  beforeAll(async () => {
    fixture.specs = new Map(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));
    fixture.tables = new Map(API_NAMES.map((api) => [api, readRuleCaseTable(api)]));
    const worlds = Object.fromEntries(API_NAMES.map((api) => [api, fixture.tables.get(api)?.world ?? {}])) as Record<ApiName, WorldData>;
    fixture.mock = await startMock({ config: TEST_CONFIG, worlds, ...options });
  });
  afterAll(async () => {
    await fixture.mock?.close();
  });
  return fixture;
}
