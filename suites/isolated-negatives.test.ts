import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { createJudge } from '../generators/case-oracle.ts';
import { planApi } from '../generators/case-planner.ts';
import { NOT_SEPARABLE } from '../generators/one-way-reasons.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';

/**
 * A negative case proves something about its requirement only when it breaks that requirement
 * alone: a refusal of min_count 11 with max_count 1 may be for min_count <= max_count, not the
 * quota. Over several seeds, no planned negative breaks a second requirement, explicit or
 * inferred, but the joint negatives of requirements no request can break alone: those name
 * every other requirement they break, and their requirement says it cannot be proven held.
 */

const SEEDS = [1, 2, 3, 4];

describe.each(API_NAMES)('%s: isolated negatives', (api) => {
  it.each(SEEDS)('seed %i: every negative breaks its requirement and nothing else, or is a joint negative that names the others', async (seed) => {
    const spec = await loadSpec(api);
    const judge = createJudge(spec, worldFromFixtures(api, DEFAULT_CONFIG));
    const plan = planApi(spec, DEFAULT_CONFIG, { seed, runs: 0 });
    const negatives = plan.cases.filter(
      (testCase) => testCase.polarity === 'negative' && !testCase.setup && testCase.origin !== 'check' && !testCase.credentials,
    );
    expect(negatives.length).toBeGreaterThan(0);
    const isolated = new Set(negatives.filter((testCase) => !testCase.jointWith).map((testCase) => testCase.requirementId));
    for (const testCase of negatives) {
      expect(judge(testCase.request).broken, `${testCase.id}: ${testCase.description}`).toEqual([testCase.requirementId, ...(testCase.jointWith ?? [])].sort());
      if (!testCase.jointWith || isolated.has(testCase.requirementId)) continue;
      // Only joint negatives: the plan says no refusal can prove it held.
      expect(plan.notRunnable.find((item) => item.requirementId === testCase.requirementId)?.reason, testCase.id).toContain(NOT_SEPARABLE);
    }
  });
});

describe('the confounded negatives users found', () => {
  it('volume-single-instance is never repaired by asking for more servers: its negative is joint with min_count <= max_count, and said', async () => {
    const spec = await loadSpec('compute-servers');
    const plan = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: 0 });
    const cases = plan.cases.filter((testCase) => testCase.requirementId === 'compute-servers/volume-single-instance' && testCase.polarity === 'negative');
    expect(cases.length).toBeGreaterThan(0);
    for (const testCase of cases) expect(Number(valueAt(testCase.request, '/body/server/max_count') ?? 1), testCase.description).toBeLessThanOrEqual(1);
  });

  it('min-count-within-quota cannot be broken alone without asking for more servers (max_count up to min_count): a joint negative, and said', async () => {
    const spec = await loadSpec('compute-servers');
    const plan = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: 0 });
    const joint = plan.cases.filter((testCase) => testCase.requirementId === 'compute-servers/min-count-within-quota' && testCase.polarity === 'negative');
    expect(joint.map((testCase) => testCase.jointWith)).toEqual([['compute-servers/min-count-le-max-count']]);
    expect(Number(valueAt(joint[0]?.request, '/body/server/max_count') ?? 1)).toBe(1);
    const reason = plan.notRunnable.find((item) => item.requirementId === 'compute-servers/min-count-within-quota')?.reason ?? '';
    expect(reason).toContain(NOT_SEPARABLE);
    expect(reason).toContain('compute-servers/min-count-le-max-count');
  });
});
