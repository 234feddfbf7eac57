// With planning threads the run sends an API's cases while the later APIs are still planned
// (runner/plans-so-far.ts): what it knows of the plans must grow as they come, and a later
// API's failure must stop it at once, not when it reaches that API.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../apis/api-specs.ts';
import { CarriedWorkerError } from '../engine/errors.ts';
import { VerdictTally } from '../engine/run/verdicts.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { PlansSoFar } from '../runner/plans-so-far.ts';
import { plannedCountText } from '../runner/run-listener.ts';
import type { PendingApi, PlannedApi } from '../runner/run-plan.ts';

function later<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let settle: { resolve(value: T): void; reject(error: Error): void } | undefined;
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  promise.catch(() => undefined);
  return { promise, ...(settle as NonNullable<typeof settle>) };
}

function plannedApi(spec: LoadedSpec, size: number, notRunnable: { requirementId: string; reason: string }[] = []): PlannedApi {
  return {
    spec,
    plan: { api: spec.api, notRunnable, discarded: [], size },
    cases: { [Symbol.asyncIterator]: async function* () {} },
    left: { counts: {}, requirements: () => new Map() },
  } as unknown as PlannedApi;
}

/** Lets every settled promise's callbacks run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the plans so far', () => {
  it('count the cases of each API as its plan comes, complete once the last one has, and note what a plan cannot run', async () => {
    const [first, second] = await Promise.all([loadSpec('lbaas-healthmonitors'), loadSpec('cloud-databases-ha')]);
    const tally = new VerdictTally([first, second]);
    const one = later<PlannedApi>();
    const two = later<PlannedApi>();
    const apis: PendingApi[] = [
      { spec: first, planned: one.promise },
      { spec: second, planned: two.promise },
    ];
    const plans = new PlansSoFar(apis, tally);
    expect(plans.cases()).toEqual({ cases: 0, complete: false });
    one.resolve(plannedApi(first, 140));
    await settled();
    expect(plans.cases()).toEqual({ cases: 140, complete: false });
    expect(plannedCountText(plans.cases())).toBe('140+');
    const requirementId = second.requirements[0]?.id as string;
    two.resolve(plannedApi(second, 60, [{ requirementId, reason: 'the config gives no such fixture' }]));
    await settled();
    expect(plans.cases()).toEqual({ cases: 200, complete: true });
    expect(plannedCountText(plans.cases())).toBe('200');
    expect(plans.planned.map((api) => api.spec.api)).toEqual(['lbaas-healthmonitors', 'cloud-databases-ha']);
    expect(tally.verdicts().find((verdict) => verdict.requirementId === requirementId)).toMatchObject({
      verdict: 'not-run',
      notRunReason: 'the config gives no such fixture',
    });
  });

  it("stop the run at once when a later API's planning fails, while it waits for an earlier API's next case", async () => {
    const [first, second] = await Promise.all([loadSpec('lbaas-healthmonitors'), loadSpec('cloud-databases-ha')]);
    const two = later<PlannedApi>();
    const plans = new PlansSoFar(
      [
        { spec: first, planned: Promise.resolve(plannedApi(first, 140)) },
        { spec: second, planned: two.promise },
      ],
      new VerdictTally([first, second]),
    );
    const nextCase = later<string>();
    const waiting = plans.orFailure(nextCase.promise);
    const failure = new CarriedWorkerError('CONF_CONFIG_INVALID', 'the config gives no fixtures for cloud-databases-ha', 'Add them.');
    two.reject(failure);
    await expect(waiting).rejects.toBe(failure);
    nextCase.resolve('never taken');
    expect(plans.cases().complete).toBe(false);
  });

  it('pass on what the step gives while every plan is fine', async () => {
    const spec = await loadSpec('lbaas-healthmonitors');
    const plans = new PlansSoFar([{ spec, planned: Promise.resolve(plannedApi(spec, 3)) }], new VerdictTally([spec]));
    await expect(plans.orFailure(Promise.resolve('case 1'))).resolves.toBe('case 1');
  });
});
