import { fixturesFor } from './support/api-fixtures.ts';
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { requestFailures } from '../engine/rules/request-failures.ts';
import { planApi, streamPlan } from '../generators/case-planner.ts';
import { collectYielding } from './support/yielding.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { createJudge, createOracle } from '../generators/case-oracle.ts';
import { DeterministicSampler } from '../generators/deterministic-sampler.ts';
import { validVariations } from '../generators/valid-variations.ts';
import { claimCreatedKeys } from '../generators/planned-creations.ts';

const SEED = 20261123;
const specs = new Map<string, LoadedSpec>(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));

describe.each(API_NAMES)('%s generated cases', (api) => {
  const spec = () => specs.get(api) as LoadedSpec;
  const world = worldFromFixtures(api, DEFAULT_CONFIG);

  it('generates 2,000 valid requests that validate against the schema and keep every rule', async () => {
    const oracle = createOracle(spec(), world);
    const valid = await collectYielding(validVariations(spec(), baseRequest(api, DEFAULT_CONFIG), world, oracle, new DeterministicSampler(SEED), 2000));
    expect(valid.length).toBe(2000);
    // Checked again from scratch with ajv and the evaluator, credentials aside.
    const failing = valid
      .map((request) => requestFailures(spec(), request, world).filter((id) => !id.includes('auth') && !id.includes('sigv4')))
      .filter((ids) => ids.length > 0);
    expect(failing).toEqual([]);
    expect(new Set(valid.map((request) => JSON.stringify(request))).size, 'the requests vary').toBeGreaterThan(100);
  });

  it('labels each case: a positive one breaks nothing, a negative one its requirement and nothing else (a joint one names the rules it cannot help breaking)', () => {
    const plan = planApi(spec(), DEFAULT_CONFIG, { seed: SEED, runs: 20 });
    const oracle = createOracle(spec(), world);
    const judge = createJudge(spec(), world);
    for (const testCase of plan.cases.filter((c) => c.origin !== 'check' && !c.setup)) {
      // A positive case is known valid (nothing broken, ambiguous or undecided); a negative one breaks, under every reading, what it names.
      // The document's own examples may hold a value some reading refuses (they are inferred cases): nothing broken or undecided is enough.
      const asExample = (request: typeof testCase.request) => {
        const judged = judge(request);
        return [...judged.broken, ...judged.undecided.map((item) => item.requirementId)];
      };
      const failures =
        testCase.polarity === 'positive'
          ? testCase.origin === 'example'
            ? asExample(testCase.request)
            : oracle(testCase.request)
          : judge(testCase.request).broken;
      const labelled = testCase.polarity === 'positive' ? [] : [testCase.requirementId, ...(testCase.jointWith ?? [])].sort();
      expect(failures, `${testCase.id}: ${testCase.description}`).toEqual(labelled);
      for (const other of testCase.jointWith ?? []) expect(requirementById(spec(), other)?.rule, `${other} is a rule`).toBeDefined();
    }
    const negatives = plan.cases.filter((c) => c.polarity === 'negative');
    expect(negatives.length).toBeGreaterThan(0);
    for (const testCase of negatives) expect(testCase.expectedStatuses.length, testCase.id).toBeGreaterThan(0);
  });

  it('answers "known valid" at the first flaw exactly when the oracle finds none, in a world that decides the rules and in one that knows nothing', () => {
    const plan = planApi(spec(), DEFAULT_CONFIG, { seed: SEED, runs: 50 });
    const requests = plan.cases.flatMap((testCase) => [testCase.request, ...(testCase.setup ?? [])]);
    for (const inWorld of [world, {}]) {
      for (const oracle of [createOracle(spec(), inWorld), createOracle(spec(), inWorld, { undecided: 'ignored' })]) {
        const answers = requests.map((request) => ({ quick: oracle.knownValid(request), full: oracle(request).length === 0 }));
        expect(answers.filter(({ quick, full }) => quick !== full)).toEqual([]);
        expect(
          answers.some(({ full }) => !full),
          'some request has a flaw',
        ).toBe(true);
      }
    }
  });

  it('plans the same requests, byte for byte, for the same seed', () => {
    const once = JSON.stringify(planApi(spec(), DEFAULT_CONFIG, { seed: SEED, runs: 10 }));
    const twice = JSON.stringify(planApi(spec(), DEFAULT_CONFIG, { seed: SEED, runs: 10 }));
    expect(twice).toBe(once);
    const other = JSON.stringify(planApi(spec(), DEFAULT_CONFIG, { seed: SEED + 1, runs: 10 }));
    expect(other).not.toBe(once);
  });

  it('says why for every request-side requirement it cannot test', () => {
    const plan = planApi(spec(), DEFAULT_CONFIG, { seed: SEED, runs: 0 });
    for (const item of plan.notRunnable) expect(item.reason.length, item.requirementId).toBeGreaterThan(10);
  });
});

describe('what the planned valid requests create', () => {
  it('never plans two accepted requests that create the same fixed IP on a network (compute-servers/fixed-ip-not-in-use)', async () => {
    const spec = await loadSpec('compute-servers');
    const cases = await collectYielding(streamPlan(spec, DEFAULT_CONFIG, { seed: 1, runs: 1500 }).cases);
    const created = cases
      .filter((testCase) => testCase.polarity === 'positive')
      .flatMap((testCase) => ((testCase.request.body as { server: { networks?: unknown } }).server.networks ?? []) as { uuid?: string; fixed_ip?: string }[])
      .filter((network) => Array.isArray(network) === false && network.uuid !== undefined && network.fixed_ip !== undefined)
      .map((network) => `${network.uuid} ${network.fixed_ip}`);
    expect(created.length).toBeGreaterThan(20);
    expect(created.length - new Set(created).size).toBe(0);
  });
});

describe('claimCreatedKeys', () => {
  const computeRequest = (networks: unknown[]) => ({
    method: 'POST',
    path: { project_id: fixturesFor(DEFAULT_CONFIG, 'compute-servers').projectId },
    header: {},
    body: { server: { ...(baseRequest('compute-servers', DEFAULT_CONFIG).body as { server: object }).server, networks } },
  });

  it('makes a second server with the same fixed IP on the same network break fixed-ip-not-in-use, and nothing else', async () => {
    const spec = await loadSpec('compute-servers');
    const world = worldFromFixtures('compute-servers', DEFAULT_CONFIG);
    const network = fixturesFor(DEFAULT_CONFIG, 'compute-servers').networkId as string;
    expect(network).toMatch(/^[0-9a-f-]{36}$/);
    const first = computeRequest([{ uuid: network, fixed_ip: '10.0.0.7' }]);
    expect(requestFailures(spec, first, world)).toEqual([]);
    claimCreatedKeys(spec, first, world);
    expect(requestFailures(spec, computeRequest([{ uuid: network, fixed_ip: '10.0.0.7' }]), world)).toEqual(['compute-servers/fixed-ip-not-in-use']);
    expect(requestFailures(spec, computeRequest([{ uuid: network, fixed_ip: '10.0.0.8' }]), world)).toEqual([]);
  });

  it('does not record a stack name: the planner suffixes it per case, so it cannot collide', async () => {
    const spec = await loadSpec('orchestration-stacks');
    const world = worldFromFixtures('orchestration-stacks', DEFAULT_CONFIG);
    const request = baseRequest('orchestration-stacks', DEFAULT_CONFIG);
    claimCreatedKeys(spec, request, world);
    expect(world.collections?.stacks).toEqual([]);
    const plan = planApi(spec, DEFAULT_CONFIG, { seed: 3, runs: 30 });
    const names = plan.cases
      .filter((testCase) => testCase.polarity === 'positive')
      .map((testCase) => (testCase.request.body as { stack_name: string }).stack_name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('leaves a collection the world does not list unknown', async () => {
    const spec = await loadSpec('orchestration-stacks');
    const world = { collections: {} };
    claimCreatedKeys(spec, baseRequest('orchestration-stacks', DEFAULT_CONFIG), world);
    expect(world.collections).toEqual({});
  });
});
