import { letIdleConnectionsExpire } from './idle-connections.ts';
import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import type { ApiPlan } from '../generators/case-planner.ts';
import { selectCases, type CaseSelection, type SelectedCases } from './case-selection.ts';
import type { PlanHeader } from './plan-messages.ts';
import { PlanPool, type WorkerPlan } from './plan-pool.ts';

export interface PlannedApi extends SelectedCases {
  spec: LoadedSpec;
  plan: PlanHeader;
}

/**
 * One API of the run: its plan once its boundary cases are planned. In planning threads, the
 * later APIs' plans come while the run sends the earlier ones'.
 */
export interface PendingApi {
  spec: LoadedSpec;
  planned: Promise<PlannedApi>;
}

/** The run's plan, per API in the order it sends them; `close` ends the planning threads (also when the run stops before taking every case). */
export interface PlannedRun {
  apis: PendingApi[];
  close(): Promise<void>;
}

/** Every API's plan, once each is planned (a dry run prints them all). */
export function everyPlan(run: PlannedRun): Promise<PlannedApi[]> {
  return Promise.all(run.apis.map((api) => api.planned));
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
  /** Where each API's boundary plan (not a live run's: its tag is in its unique names) and the schemas' values are kept between runs (--cache-dir); absent: not kept. */
  cacheDir?: string;
}

async function* taken<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Planned on this thread. An API's boundary cases are planned synchronously, for seconds: the
 * timers (keep-alive connections, a progress line) get a turn after each API, not once after all.
 */
async function plannedHere(specs: LoadedSpec[], options: PlanOptions): Promise<ApiPlanning[]> {
  const { streamPlan } = await import('../generators/case-planner.ts');
  const { apiPlanOptions } = await import('../generators/plan-cache.ts');
  const planned = [];
  for (const spec of specs) {
    const made = options.plans?.[spec.api];
    const { cases, ...header } = made ? { ...made, size: made.cases.length } : streamPlan(spec, options.config, apiPlanOptions(spec.api, options));
    planned.push({ spec, header: Promise.resolve(header), cases: taken(cases) });
    await letIdleConnectionsExpire();
  }
  return planned;
}

function plannedInWorkers(specs: LoadedSpec[], options: PlanOptions, pool: PlanPool): ApiPlanning[] {
  const { config, seed, runs, runId, cacheDir } = options;
  const plans = pool.plan(
    specs.map((spec) => spec.api),
    { config, seed, runs, ...(runId ? { runId } : {}), ...(cacheDir ? { cacheDir } : {}) },
  );
  return specs.map((spec) => ({ spec, ...(plans.get(spec.api) as WorkerPlan) }));
}

/** An API as it is being planned: its header (known once its boundary cases are), and its cases as they are taken. */
interface ApiPlanning {
  spec: LoadedSpec;
  header: Promise<PlanHeader>;
  cases: AsyncIterable<PlannedCase>;
}

function pendingApi({ spec, header, cases }: ApiPlanning, selection: CaseSelection): PendingApi {
  const planned = header.then((plan) => ({ spec, plan, ...selectCases(cases, selection) }));
  // Its failure is the run's to report when it takes the API (or at once, runner/run-conformance.ts), not an unhandled rejection before.
  planned.catch(() => undefined);
  return { spec, planned };
}

/** How many threads plan a run: none with plans made beforehand or `--workers 0`. */
export function planningThreadCount(options: Pick<PlanOptions, 'workers' | 'plans'>): number {
  return options.plans ? 0 : (options.workers ?? 0);
}

/**
 * The planning threads a run needs: none with plans made beforehand or `--workers 0`. A run starts
 * them first, so that they load the planner (about half a second each) while it sets up.
 */
export function startPlanningThreads(options: Pick<PlanOptions, 'workers' | 'plans'>, apis: ApiName[]): Promise<PlanPool | undefined> {
  const count = planningThreadCount(options);
  const threads = count ? PlanPool.start(count, apis) : Promise.resolve(undefined);
  // A run that fails before it plans closes them (runner/run-conformance.ts); the failure to start is said when they are taken.
  threads.catch(() => undefined);
  return threads;
}

/**
 * What a run will send, per API: the plan, with the shard and the live-safety limits applied as
 * cases are taken; planned by `threads` when given (closing the plan closes them).
 */
export async function planRun(
  specs: LoadedSpec[],
  options: PlanOptions,
  threads = startPlanningThreads(
    options,
    specs.map((spec) => spec.api),
  ),
): Promise<PlannedRun> {
  const pool = await threads;
  try {
    const planning = pool ? plannedInWorkers(specs, options, pool) : await plannedHere(specs, options);
    return { apis: planning.map((api) => pendingApi(api, options.selection ?? {})), close: async () => pool?.close() };
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
