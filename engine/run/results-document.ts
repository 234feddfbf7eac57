import type { RequirementVerdict } from './run-model.ts';
import type { LoadedSpec } from '../spec/spec-loader.ts';

/**
 * The frame of a results file (`--json`): `{"run": RunHeader, "results": [CaseResult...],
 * "summary": RunFooter}`, written by the run and read back by `report`, `replay` and `baseline`.
 */

export const RESULTS_FORMAT_VERSION = 1;

export interface RunHeader {
  formatVersion: number;
  suiteVersion: string;
  startedAt: string;
  target: string;
  seed: number;
  runs: number;
  strict: boolean;
  apis: string[];
  /** --shard I/N; absent: the whole plan. */
  shard?: { index: number; count: number };
  /** Per API, a hash of what decides its plan (runner/plan-fingerprint.ts): equal across the shards of one run. */
  plans?: Record<string, string>;
  /** What chose the cases sent, besides the shard. */
  selection?: RecordedSelection;
  /** `conformance replay`: the results file whose cases were sent again. */
  replayOf?: string;
  /** The target's name (--label). */
  label?: string;
}

export interface RecordedSelection {
  include?: string[];
  exclude?: string[];
  negativeOnly?: boolean;
  maxCreates?: number;
  /** Replay: the case ids sent again. */
  cases?: string[];
}

/** Why a run ended with exit 2. */
export interface RunError {
  code: string;
  message: string;
  hint?: string;
}

export interface RunFooter {
  finishedAt: string;
  durationMs: number;
  complete: boolean;
  exitCode: number;
  /** A run that ended with exit 2: why (nothing it holds is a verdict). */
  error?: RunError;
  verdicts: RequirementVerdict[];
  /** Planned cases the run did not send, by why (--shard, --negative-only, --max-creates). */
  notSent?: Record<string, number>;
  errata: RecordedErratum[];
}

/** An erratum of a spec as a results file records it, beside the verdicts it explains. */
export interface RecordedErratum {
  api: string;
  id: string;
  section: string;
  quote: string;
  problem: string;
  interpretation: string;
}

/** The errata of the specs run, in the specs' order. */
export function recordedErrata(specs: readonly LoadedSpec[]): RecordedErratum[] {
  return specs.flatMap((spec) =>
    spec.errata.map(({ id, section, quote, problem, interpretation }) => ({ api: spec.api, id, section, quote, problem, interpretation })),
  );
}
