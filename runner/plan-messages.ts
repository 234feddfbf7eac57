import type { ApiName } from '../engine/api-name.ts';
import type { ErrorCode } from '../engine/errors.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import type { StreamedPlan } from '../generators/case-planner.ts';
import type { RunPlanning } from '../generators/plan-cache.ts';

/** Cases per message: large enough that passing them costs little, small enough that memory stays flat. */
export const CASES_PER_BATCH = 256;

/**
 * Batches asked for ahead of the one the run takes, per API: 4,096 cases a thread may plan before
 * the run needs them (a few MB at most), so that a thread is busy while the run sends another
 * thread's API. A thread works first for the API the run takes first (runner/plan-worker.ts), but
 * a later API's boundary cases, once begun, are planned to the end: compute-servers' take about a
 * second cold, and the cases ahead must last that long (with 2,048, the run waited 0.3-0.45 s in
 * the middle of lbaas-healthmonitors while they were planned).
 */
export const BATCHES_AHEAD = 16;

/** What a planning worker is asked: plan these APIs' boundary cases now, then hand out their cases batch by batch. */
export interface PlanOrder extends RunPlanning {
  type: 'plan';
  apis: ApiName[];
}

export interface MoreCases {
  type: 'more';
  api: ApiName;
  /** Matches the answer to the request. */
  ask: number;
}

export type ToWorker = PlanOrder | MoreCases;

/** An API's plan without its cases: known before anything is sent. */
export type PlanHeader = Omit<StreamedPlan, 'cases'>;

/** An error thrown in a worker, as the main thread needs it: a suite error keeps its code and hint. */
export interface CarriedError {
  message: string;
  name: string;
  code?: ErrorCode;
  hint?: string;
  stack?: string;
}

export type FromWorker =
  | { type: 'planned'; api: ApiName; header: PlanHeader }
  | { type: 'cases'; api: ApiName; ask: number; cases: PlannedCase[]; done: boolean }
  | { type: 'failed'; api: ApiName; ask?: number; error: CarriedError };
