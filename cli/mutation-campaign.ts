import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { faultCatalogue, type Fault, type FaultKind } from '../mock/fault-catalogue.ts';
import type { Personality } from '../mock/mock-server.ts';
import { DEFAULT_EXCHANGE_LIMITS } from '../runner/http-exchange.ts';
import { runWithReporters, type ReportedRunOutcome } from './run-with-reporters.ts';

/**
 * The suite's proof of power: the conformance run against the conforming mock (it must pass:
 * no false alarm), then against the mock with each catalogue fault in turn (it must fail, naming
 * the requirement the fault breaks). A fault that survives is a gap in the suite.
 */
export interface MutationCampaignOptions {
  /** Default: the whole catalogue (apis/<api>/faults.yaml). */
  faults?: Fault[];
  seed: number;
  /** Random valid requests per API, after the boundary cases (as `--runs`). */
  runs: number;
  /**
   * Per-request timeout of the runs against a fault that hangs (a request that never answers
   * fails as a timeout after this long). The other runs keep the default, so a slow machine
   * raises no false alarm.
   */
  timeoutMs: number;
  /** The conforming mock's personalities to run first; default both. */
  personalities?: Personality[];
  config?: ConformanceConfig;
  /** Plans made beforehand (planAll with the same config, seed and runs); default: planned here, once per API. */
  plans?: Partial<Record<ApiName, ApiPlan>>;
  concurrency?: number;
  /** Called as each fault's row completes (for printing the table as it grows). */
  onRow?: (row: MutationRow) => void;
  /** Called as each conforming run completes. */
  onConforming?: (run: ConformingRun) => void;
}

/** One fault's outcome. */
export interface MutationRow {
  id: string;
  api: ApiName;
  kind: FaultKind;
  breaks: string;
  /** The run exited 1 and named the requirement the fault breaks among the broken ones. */
  killed: boolean;
  exitCode: 0 | 1;
  /** Every requirement the run found broken (strict: inferred ones too). */
  brokenRequirements: string[];
  /** The requirement that caught it (= breaks) when killed. */
  killedBy?: string;
  cases: number;
  ms: number;
}

/** The run against the conforming mock: it must exit 0 with no requirement broken. */
export interface ConformingRun {
  personality: Personality;
  exitCode: 0 | 1;
  brokenRequirements: string[];
  cases: number;
  ms: number;
  /** Exit 0 and nothing broken: no false alarm. */
  passed: boolean;
  /** The run's console output (its failures, with their requests and curl), for diagnosis. */
  output: string;
}

export interface MutationCampaignResult {
  conforming: ConformingRun[];
  rows: MutationRow[];
  killed: number;
  total: number;
  /** 0..100 */
  killRate: number;
  /** How long planning took (once per API, reused by every run). */
  planMs: number;
  ms: number;
  /** Every fault killed and every conforming run clean. */
  passed: boolean;
}

function brokenOf(outcome: ReportedRunOutcome): string[] {
  return outcome.verdicts.filter((verdict) => verdict.verdict === 'broken').map((verdict) => verdict.requirementId);
}

/** Plans each API once (the plans are reused by every run of the campaign). */
export async function planAll(apis: readonly ApiName[], config: ConformanceConfig, seed: number, runs: number): Promise<Partial<Record<ApiName, ApiPlan>>> {
  const plans: Partial<Record<ApiName, ApiPlan>> = {};
  for (const api of apis) plans[api] = planApi(await loadSpec(api), config, { seed, runs });
  return plans;
}

/** What every run of one campaign shares. */
interface CampaignSetup {
  config: ConformanceConfig;
  plans: Partial<Record<ApiName, ApiPlan>>;
  seed: number;
  runs: number;
  concurrency: number;
}

interface RunAgainstMock {
  mockFaults?: string[];
  mockPersonality?: Personality;
  timeoutMs?: number;
}

interface MockRunOutcome {
  outcome: ReportedRunOutcome;
  output: string;
  ms: number;
}

/** One conformance run against the embedded mock, its console output kept rather than printed. */
async function runAgainstMock(setup: CampaignSetup, apis: ApiName[], extra: RunAgainstMock): Promise<MockRunOutcome> {
  const output: string[] = [];
  const runStarted = performance.now();
  const outcome = await runWithReporters({
    config: setup.config,
    apis,
    seed: setup.seed,
    runs: setup.runs,
    // Strict: inferred requirements count too, so both the clean pass and each catch are the whole truth.
    strict: true,
    concurrency: setup.concurrency,
    console: { write: (text: string) => void output.push(text) },
    progress: { write: () => undefined },
    showProgress: false,
    plans: setup.plans,
    limits: { ...DEFAULT_EXCHANGE_LIMITS, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) },
    ...(extra.mockFaults ? { mockFaults: extra.mockFaults } : {}),
    ...(extra.mockPersonality ? { mockPersonality: extra.mockPersonality } : {}),
  });
  return { outcome, output: output.join(''), ms: Math.round(performance.now() - runStarted) };
}

async function conformingRun(setup: CampaignSetup, personality: Personality): Promise<ConformingRun> {
  const { outcome, output, ms } = await runAgainstMock(setup, [...API_NAMES], { mockPersonality: personality });
  const brokenRequirements = brokenOf(outcome);
  return {
    personality,
    exitCode: outcome.exitCode,
    brokenRequirements,
    cases: outcome.cases,
    ms,
    passed: outcome.exitCode === 0 && brokenRequirements.length === 0,
    output,
  };
}

/** The run against one fault: killed when it exits 1 naming the requirement the fault breaks. */
async function faultRow(setup: CampaignSetup, fault: Fault, hangTimeoutMs: number): Promise<MutationRow> {
  const { outcome, ms } = await runAgainstMock(setup, [fault.api], { mockFaults: [fault.id], ...(fault.effect.hang ? { timeoutMs: hangTimeoutMs } : {}) });
  const brokenRequirements = brokenOf(outcome);
  const killed = outcome.exitCode === 1 && brokenRequirements.includes(fault.breaks);
  return {
    id: fault.id,
    api: fault.api,
    kind: fault.kind,
    breaks: fault.breaks,
    killed,
    exitCode: outcome.exitCode,
    brokenRequirements,
    ...(killed ? { killedBy: fault.breaks } : {}),
    cases: outcome.cases,
    ms,
  };
}

function tally(conforming: ConformingRun[], rows: MutationRow[], planMs: number, started: number): MutationCampaignResult {
  const killed = rows.filter((row) => row.killed).length;
  const total = rows.length;
  return {
    conforming,
    rows,
    killed,
    total,
    killRate: total === 0 ? 100 : (100 * killed) / total,
    planMs,
    ms: Math.round(performance.now() - started),
    passed: killed === total && conforming.every((result) => result.passed),
  };
}

export async function runMutationCampaign(options: MutationCampaignOptions): Promise<MutationCampaignResult> {
  const started = performance.now();
  const faults = options.faults ?? faultCatalogue();
  const config = options.config ?? DEFAULT_CONFIG;
  const plans = options.plans ?? (await planAll(API_NAMES, config, options.seed, options.runs));
  const planMs = Math.round(performance.now() - started);
  const setup: CampaignSetup = { config, plans, seed: options.seed, runs: options.runs, concurrency: options.concurrency ?? 8 };

  const conforming: ConformingRun[] = [];
  for (const personality of options.personalities ?? ['strict', 'lenient']) {
    const result = await conformingRun(setup, personality);
    conforming.push(result);
    options.onConforming?.(result);
  }
  const rows: MutationRow[] = [];
  for (const fault of faults) {
    const row = await faultRow(setup, fault, options.timeoutMs);
    rows.push(row);
    options.onRow?.(row);
  }
  return tally(conforming, rows, planMs, started);
}
