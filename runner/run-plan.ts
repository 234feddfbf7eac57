import { letIdleConnectionsExpire } from './idle-connections.ts';
import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import type { ApiPlan } from '../generators/case-planner.ts';
import { selectCases, type CaseSelection, type SelectedCases } from './case-selection.ts';
import type { PlanHeader } from './plan-messages.ts';
import { PlanPool } from './plan-pool.ts';

export interface PlannedApi extends SelectedCases {
  spec: LoadedSpec;
  plan: PlanHeader;
}

/** The run's plan, per API; `close` ends the planning threads (also when the run stops before taking every case). */
export interface PlannedRun {
  apis: PlannedApi[];
  close(): Promise<void>;
}

export interface PlanOptions {
  config: ConformanceConfig;
  seed: number;
  runs: number;
  /** Against a live target: a tag of this run that unique names (stack names) carry, so a rerun with the same seed does not collide. */
  runId?: string;
  selection?: CaseSelection;
  /** Plans made beforehand (same seed and runs), reused across runs against many targets. */
  plans?: Partial<Record<ApiName, ApiPlan>>;
  /** Worker threads that plan (--workers); absent or 0: the calling thread plans, between the cases it sends. */
  workers?: number;
  /** Where each API's boundary plan is kept between runs (--cache-dir); absent: not kept. */
  cacheDir?: string;
}

async function* taken<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Planned on this thread. An API's boundary cases are planned synchronously, for seconds: the
 * timers (keep-alive connections, a progress line) get a turn after each API, not once after all.
 */
async function plannedHere(specs: LoadedSpec[], options: PlanOptions): Promise<{ spec: LoadedSpec; header: PlanHeader; cases: AsyncIterable<PlannedCase> }[]> {
  const { streamPlan } = await import('../generators/case-planner.ts');
  const { apiPlanOptions } = await import('../generators/plan-cache.ts');
  const planned = [];
  for (const spec of specs) {
    const made = options.plans?.[spec.api];
    const { cases, ...header } = made ? { ...made, size: made.cases.length } : streamPlan(spec, options.config, apiPlanOptions(spec.api, options));
    planned.push({ spec, header, cases: taken(cases) });
    await letIdleConnectionsExpire();
  }
  return planned;
}

async function plannedInWorkers(specs: LoadedSpec[], options: PlanOptions, pool: PlanPool) {
  const { config, seed, runs, runId, cacheDir } = options;
  const plans = await pool.plan(
    specs.map((spec) => spec.api),
    { config, seed, runs, ...(runId ? { runId } : {}), ...(cacheDir ? { cacheDir } : {}) },
  );
  return specs.map((spec) => ({ spec, ...(plans.get(spec.api) as NonNullable<ReturnType<typeof plans.get>>) }));
}

/** What a run will send, per API: the plan, with the shard and the live-safety limits applied as cases are taken. */
export async function planRun(specs: LoadedSpec[], asked: PlanOptions): Promise<PlannedRun> {
  // A live run's tag (fresh each run) is in every unique name: its plans are never read again, so none is kept.
  const { cacheDir: _unused, ...uncached } = asked;
  const options = asked.runId ? uncached : asked;
  const pool =
    options.workers && !options.plans
      ? await PlanPool.start(
          options.workers,
          specs.map((spec) => spec.api),
        )
      : undefined;
  try {
    const planned = pool ? await plannedInWorkers(specs, options, pool) : await plannedHere(specs, options);
    const apis = planned.map(({ spec, header, cases }) => ({ spec, plan: header, ...selectCases(cases, options.selection ?? {}) }));
    return { apis, close: async () => pool?.close() };
  } catch (error) {
    await pool?.close();
    throw error;
  }
}

/** The cases not sent so far, summed over the APIs, by why. */
export function casesLeft(planned: PlannedApi[]): Record<string, number> {
  const left: Record<string, number> = {};
  for (const api of planned) for (const [why, count] of Object.entries(api.left.counts)) left[why] = (left[why] ?? 0) + count;
  return left;
}
