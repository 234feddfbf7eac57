import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createJudge, flawsOf } from '../generators/case-oracle.ts';
import { planApi } from '../generators/case-planner.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { send } from './support/mock-client.ts';
import { letIdleConnectionsExpire } from '../runner/idle-connections.ts';

/**
 * The verdict discipline as a property over seeds (README, "Verdicts"): whatever the seed, every
 * planned positive case is known valid (no rule broken, ambiguous or undecided, no null), and
 * every explicit negative is refused by both personalities of the mock, the literal one and the
 * one that reads the documents leniently.
 */
const SEEDS = 6;
const RUNS = 5;

const specs = new Map<ApiName, LoadedSpec>(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));
const mocks: Partial<Record<'strict' | 'lenient', RunningMock>> = {};

beforeAll(async () => {
  mocks.strict = await startMock({ config: DEFAULT_CONFIG, personality: 'strict' });
  mocks.lenient = await startMock({ config: DEFAULT_CONFIG, personality: 'lenient' });
});
afterAll(async () => {
  await Promise.all(Object.values(mocks).map((mock) => mock?.close()));
});

/** Cases judged on their own request: not the credential checks (their request is the valid base), not those built on a setup. */
const standalone = (testCase: PlannedCase): boolean => testCase.origin !== 'check' && !testCase.setup;

describe.each(API_NAMES)('%s planned over many seeds', (api) => {
  const spec = () => specs.get(api) as LoadedSpec;
  const judge = createJudge(spec(), worldFromFixtures(api, DEFAULT_CONFIG));

  it('plans no positive case that is not known valid, and only explicit negatives both personalities refuse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const plan = planApi(spec(), DEFAULT_CONFIG, { seed, runs: RUNS });
        await letIdleConnectionsExpire();
        for (const testCase of plan.cases.filter((c) => c.polarity === 'positive' && standalone(c))) {
          // The document's own examples may hold a value some reading refuses (they are inferred cases): nothing broken or undecided is enough.
          const judged = judge(testCase.request);
          const flaws = testCase.origin === 'example' ? [...judged.broken, ...judged.undecided.map((item) => item.requirementId)] : flawsOf(judged);
          expect(flaws, `seed ${seed}, ${testCase.id}: ${JSON.stringify(testCase.request.body)}`).toEqual([]);
        }
        const explicitNegatives = plan.cases.filter((c) => c.polarity === 'negative' && c.level === 'explicit' && standalone(c));
        expect(explicitNegatives.length).toBeGreaterThan(0);
        for (const personality of ['strict', 'lenient'] as const) {
          const mock = mocks[personality] as RunningMock;
          mock.reset();
          for (const testCase of explicitNegatives) {
            const request = { ...testCase.request, header: { ...testCase.request.header, 'x-auth-token': DEFAULT_CONFIG.auth.token } };
            const answer = await send(mock.url, spec(), request, { sigv4: DEFAULT_CONFIG.auth.sigv4 });
            expect(answer.status, `seed ${seed}, ${personality} mock, ${testCase.id}: ${testCase.description}: ${answer.text}`).toBeGreaterThanOrEqual(400);
            expect(answer.status).toBeLessThan(500);
          }
        }
      }),
      { numRuns: SEEDS, seed: 20261130 },
    );
  });
});
