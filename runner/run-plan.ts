import { letIdleConnectionsExpire } from './idle-connections.ts';
import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { streamPlan, type ApiPlan, type StreamedPlan } from '../generators/case-planner.ts';
import { selectCases, type CaseSelection, type SelectedCases } from './case-selection.ts';

export interface PlannedApi extends SelectedCases {
  spec: LoadedSpec;
  plan: Omit<StreamedPlan, 'cases'>;
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
}

function streamed(spec: LoadedSpec, options: PlanOptions): StreamedPlan {
  const made = options.plans?.[spec.api];
  if (made) return { ...made, size: made.cases.length };
  return streamPlan(spec, options.config, { seed: options.seed, runs: options.runs, ...(options.runId ? { runId: options.runId } : {}) });
}

/**
 * What a run will send, per API: the plan, with the shard and the live-safety limits applied as
 * cases are taken. An API's boundary cases are planned synchronously, for seconds: the timers
 * (keep-alive connections, a progress line) get a turn after each API, not once after all.
 */
export async function planRun(specs: LoadedSpec[], options: PlanOptions): Promise<PlannedApi[]> {
  const planned: PlannedApi[] = [];
  for (const spec of specs) {
    const { cases, ...plan } = streamed(spec, options);
    planned.push({ spec, plan, ...selectCases(cases, options.selection ?? {}) });
    await letIdleConnectionsExpire();
  }
  return planned;
}

/** The cases not sent so far, summed over the APIs, by why. */
export function casesLeft(planned: PlannedApi[]): Record<string, number> {
  const left: Record<string, number> = {};
  for (const api of planned) for (const [why, count] of Object.entries(api.left.counts)) left[why] = (left[why] ?? 0) + count;
  return left;
}
