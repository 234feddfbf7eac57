// A rule a server checks on one code path only (timeout < delay for HTTP monitors alone) is
// caught only by a breach sent from another valid request: the plan sends each requirement's
// breach again from the other side of every branch the rules draw, and from the smallest request.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { createJudge, createOracle, flawsOf } from '../generators/case-oracle.ts';
import { DeterministicSampler } from '../generators/deterministic-sampler.ts';
import { alternateBases } from '../generators/alternate-bases.ts';
import { planApi } from '../generators/case-planner.ts';
import type { ApiName } from '../engine/api-name.ts';

async function basesOf(api: ApiName) {
  const spec = await loadSpec(api);
  const world = worldFromFixtures(api, DEFAULT_CONFIG);
  const judge = createJudge(spec, world);
  const bases = alternateBases({
    spec,
    base: baseRequest(api, DEFAULT_CONFIG),
    oracle: createOracle(spec, world, { undecided: 'ignored' }),
    sampler: new DeterministicSampler(1),
    world,
  });
  return { bases, judge };
}

async function negativesFromAlternates(api: ApiName, requirementId: string) {
  const spec = await loadSpec(api);
  const judge = createJudge(spec, worldFromFixtures(api, DEFAULT_CONFIG));
  const plan = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: 0 });
  const cases = plan.cases.filter(
    (testCase) => testCase.requirementId === requirementId && testCase.polarity === 'negative' && testCase.description.includes('from another valid request'),
  );
  return { cases, judge };
}

describe('alternate valid requests', () => {
  it('are valid, unlike the base and each other, and take the other side of the branches the rules draw', async () => {
    const { bases, judge } = await basesOf('lbaas-healthmonitors');
    for (const { request } of bases) expect(flawsOf(judge(request))).toEqual([]);
    expect(new Set(bases.map(({ request }) => JSON.stringify(request))).size).toBe(bases.length);
    // The base monitor is HTTP; "useful only when … HTTP or HTTPS" draws the branch to another type.
    const types = bases.map(({ request }) => valueAt(request, '/body/healthmonitor/type'));
    expect(types.some((type) => type !== 'HTTP' && type !== 'HTTPS')).toBe(true);
  });

  it('include a server booted with block_device_mapping_v2, one without max_count and the smallest request', async () => {
    const { bases } = await basesOf('compute-servers');
    const descriptions = bases.map(({ description }) => description);
    expect(bases.some(({ request }) => Array.isArray(valueAt(request, '/body/server/block_device_mapping_v2')))).toBe(true);
    expect(bases.some(({ request }) => valueAt(request, '/body/server/max_count') === undefined)).toBe(true);
    expect(descriptions).toContain('only the members it needs');
  });
});

describe('the same breach sent from another valid request', () => {
  it('timeout >= delay is sent on a monitor that is not HTTP, breaking nothing else', async () => {
    const { cases, judge } = await negativesFromAlternates('lbaas-healthmonitors', 'lbaas-healthmonitors/timeout-lt-delay');
    const otherType = cases.filter((testCase) => !['HTTP', 'HTTPS'].includes(String(valueAt(testCase.request, '/body/healthmonitor/type'))));
    expect(otherType.length).toBeGreaterThan(0);
    for (const testCase of otherType) expect(judge(testCase.request).broken, testCase.id).toEqual(['lbaas-healthmonitors/timeout-lt-delay']);
  });

  it('a bad server name is sent beside block_device_mapping_v2, and min_count 0 without max_count, the rule itself broken rather than its JSON type', async () => {
    const names = await negativesFromAlternates('compute-servers', 'compute-servers/name-length');
    const withBdm = names.cases.filter((testCase) => valueAt(testCase.request, '/body/server/block_device_mapping_v2') !== undefined);
    expect(withBdm.length).toBeGreaterThan(0);
    for (const testCase of withBdm) {
      expect(typeof valueAt(testCase.request, '/body/server/name'), testCase.id).toBe('string');
      expect(names.judge(testCase.request).broken, testCase.id).toEqual(['compute-servers/name-length']);
    }
    const counts = await negativesFromAlternates('compute-servers', 'compute-servers/min-count-range');
    expect(counts.cases.some((testCase) => valueAt(testCase.request, '/body/server/max_count') === undefined)).toBe(true);
  });

  it('adds at most one negative per requirement and alternate, each unlike every other case of its requirement', async () => {
    const spec = await loadSpec('compute-servers');
    const plan = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: 0 });
    const { bases } = await basesOf('compute-servers');
    const byRequirement = new Map<string, string[]>();
    for (const testCase of plan.cases)
      byRequirement.set(testCase.requirementId, [
        ...(byRequirement.get(testCase.requirementId) ?? []),
        JSON.stringify([testCase.request, testCase.credentials, testCase.setup]),
      ]);
    for (const [id, requests] of byRequirement) {
      expect(new Set(requests).size, id).toBe(requests.length);
      const fromAlternates = plan.cases.filter((testCase) => testCase.requirementId === id && testCase.description.includes('from another valid request'));
      expect(fromAlternates.length, id).toBeLessThanOrEqual(bases.length);
    }
  });
});
