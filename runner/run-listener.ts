import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';

/** What a listener learns as the first case is about to be sent. */
export interface RunStart {
  header: RunHeader;
  specs: LoadedSpec[];
  /** Each target once (the header joins them). */
  targets: string[];
  /** The cases the plans hold so far (under a selection, about that many are sent); complete once every API is planned. */
  plannedCases: () => PlannedCount;
  /** The reason of the --baseline entry that expects this requirement broken; none when none does. */
  knownDeviation: (requirementId: string) => string | undefined;
}

/** The cases the plans hold: with planning threads, a later API's count comes while the earlier APIs are sent. */
export interface PlannedCount {
  cases: number;
  /** Every API is planned: `cases` is the whole plan's. */
  complete: boolean;
}

/** `5988`, or `1200+` while some API is still being planned. */
export function plannedCountText({ cases, complete }: PlannedCount): string {
  return `${cases}${complete ? '' : '+'}`;
}

/** Where the run stands once a result is known. */
export interface RunProgress {
  done: number;
  failed: number;
  /** Requirements broken so far (counting against the exit code, known deviations aside). */
  broken: number;
}

/** Why a run stopped before every planned case was sent. */
export type RunStop =
  { reason: 'stopped' } | { reason: 'max-failures'; maxFailures: number | undefined } | { reason: 'deadline'; deadlineMs: number | undefined };

/** What a listener learns at the end of a run that sent its cases (a run that fails before its start tells nothing). */
export interface RunSummary {
  footer: RunFooter;
  cases: number;
  failedCases: number;
  /** Absent when every case meant to be sent was. */
  stop?: RunStop;
  /** The embedded mock was a target. */
  embeddedMock: boolean;
  /** Against a live target: what the cleanup did, a line per API. */
  cleanup: string[];
  /** With Keystone: the tokens it issued during the run. */
  keystoneTokens?: number;
  /** Results that mean less than they seem (every answer 401, nothing positive proven…). */
  warnings: string[];
}

/** A reporter of the run (console, JSON results, HTML and JUnit, CI progress): told of its start, of each case result and of its end. */
export interface RunListener {
  onStart?(start: RunStart): void | Promise<void>;
  onResult?(result: CaseResult, progress: RunProgress): void | Promise<void>;
  onFinish?(summary: RunSummary): void | Promise<void>;
}

/**
 * Tells every listener, one after the other in the order given. A listener's promise is awaited;
 * a synchronous listener is not (no await at all), so the other workers do not slip in between
 * two listeners of one result.
 */
export class RunListeners {
  constructor(private readonly listeners: readonly RunListener[]) {}

  async start(start: RunStart): Promise<void> {
    for (const listener of this.listeners) {
      const pending = listener.onStart?.(start);
      if (pending) await pending;
    }
  }

  async result(result: CaseResult, progress: RunProgress): Promise<void> {
    for (const listener of this.listeners) {
      const pending = listener.onResult?.(result, progress);
      if (pending) await pending;
    }
  }

  async finish(summary: RunSummary): Promise<void> {
    for (const listener of this.listeners) {
      const pending = listener.onFinish?.(summary);
      if (pending) await pending;
    }
  }
}
