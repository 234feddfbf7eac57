import type { ApiName } from '../engine/api-catalogue.ts';
import type { ConformanceConfig } from '../engine/config.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { selectCases, type CaseSelection, type SelectedCases } from './case-selection.ts';

export interface PlannedApi extends SelectedCases {
  spec: LoadedSpec;
  plan: ApiPlan;
}

export interface PlanOptions {
  config: ConformanceConfig;
  seed: number;
  runs: number;
  selection?: CaseSelection;
  /** Plans made beforehand (same seed and runs), reused across runs against many targets. */
  plans?: Partial<Record<ApiName, ApiPlan>>;
}

/** What a run will send, per API: the plan, then the shard and the live-safety limits applied. */
export function planRun(specs: LoadedSpec[], options: PlanOptions): PlannedApi[] {
  return specs.map((spec) => {
    const plan = options.plans?.[spec.api] ?? planApi(spec, options.config, { seed: options.seed, runs: options.runs });
    return { spec, plan, ...selectCases(plan.cases, options.selection ?? {}) };
  });
}

/** The cases not sent, summed over the APIs, by why. */
export function casesLeft(planned: PlannedApi[]): Record<string, number> {
  const left: Record<string, number> = {};
  for (const api of planned) for (const [why, count] of Object.entries(api.left)) left[why] = (left[why] ?? 0) + count;
  return left;
}
