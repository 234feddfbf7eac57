import type { ApiName } from '../engine/api-name.ts';
import { defaultPlanWorkers, type PlanPool } from '../runner/plan-pool.ts';
import { startPlanningThreads } from '../runner/run-plan.ts';
import { apiNamesOption, integerOption, parseCommandOptions, RUN_OPTIONS, type RunValues } from './arguments.ts';

const DEFAULT_RUNS = 50;

/** --runs: random cases per API. */
export function runsOption(options: Pick<RunValues, 'runs'>): number {
  return integerOption('runs', options.runs, 0, 1_000_000) ?? DEFAULT_RUNS;
}

/** How many threads plan a run: --workers, else as many as its random cases pay for (runner/plan-pool.ts). */
export function planWorkersOf(options: Pick<RunValues, 'workers'>, runs: number, apis: readonly ApiName[]): number {
  return integerOption('workers', options.workers, 0, 256) ?? defaultPlanWorkers(runs * apis.length);
}

/** Planning threads started before the run knew its config: for these APIs, this many threads. */
export interface EarlyThreads {
  workers: number;
  apis: ApiName[];
  threads: Promise<PlanPool | undefined>;
}

/**
 * `run`'s planning threads, started from its arguments alone, before the command's own modules
 * and the config load: a thread takes about half a second to load the planner, which it then does
 * while they load. None when the arguments leave the APIs to the specs (--include, --exclude), ask
 * for a dry run, ask for no thread, or are not valid: the command itself says what is wrong with
 * them, in the order it checks them.
 */
export function earlyPlanningThreads(args: string[]): EarlyThreads | undefined {
  let workers: number;
  let apis: ApiName[];
  try {
    const options = parseCommandOptions('run', args, RUN_OPTIONS);
    if (options.include?.length || options.exclude?.length || options['dry-run']) return undefined;
    apis = apiNamesOption(options.api);
    workers = planWorkersOf(options, runsOption(options), apis);
  } catch {
    return undefined;
  }
  return workers ? { workers, apis, threads: startPlanningThreads({ workers }, apis) } : undefined;
}

/** The early threads, when the run plans with exactly these: else the run starts its own. */
export function earlyThreadsFor(early: EarlyThreads | undefined, workers: number, apis: readonly ApiName[]): Promise<PlanPool | undefined> | undefined {
  const same = early && early.workers === workers && early.apis.length === apis.length && early.apis.every((api, index) => api === apis[index]);
  return same ? early.threads : undefined;
}

/** Ends the early threads whoever took them (closing twice is harmless): a run that failed before planning leaves none running. */
export async function closeEarlyThreads(early: EarlyThreads | undefined): Promise<void> {
  await (await early?.threads.catch(() => undefined))?.close();
}
