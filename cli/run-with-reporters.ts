import { ciProgressListener } from '../runner/ci-progress.ts';
import type { ConsoleSink } from '../runner/console-report.ts';
import { ledgerBesideResults } from '../runner/live-resources.ts';
import { resultsStreamListener } from '../runner/results-stream.ts';
import { runConformance, type RunOptions, type RunOutcome } from '../runner/run-conformance.ts';
import type { RunListener } from '../runner/run-listener.ts';
import { ConsoleReporter } from '../reports/console-reporter.ts';
import { ReportListener } from '../reports/report-listener.ts';
import type { ReportModel } from '../reports/report-model.ts';

/** How a run reports: its console text and progress lines, and the JSON results file. */
export interface ReporterOptions {
  /** Each failure as it is found, then the summary (and the run's own notices: the Keystone token, the ledger). */
  console: ConsoleSink;
  /** The terminal's live line (showProgress) or, under CI, a plain line every `progressIntervalMs` (default 10 s). */
  progress: ConsoleSink & { isTTY?: boolean };
  showProgress: boolean;
  ciProgress?: boolean;
  progressIntervalMs?: number;
  /** --json: every case result streamed to this file as the run goes; the ledger goes beside it unless --ledger says otherwise. */
  json?: string;
}

export type ReportedRunOptions = Omit<RunOptions, 'listeners'> & ReporterOptions;

export interface ReportedRunOutcome extends RunOutcome {
  /** What the HTML and JUnit reports show (bounded, whatever the number of cases). */
  report: ReportModel;
}

/** The conformance run with its reporters subscribed: the CI progress line, the report model, the JSON results, the console text. */
export async function runWithReporters(options: ReportedRunOptions): Promise<ReportedRunOutcome> {
  const { progress, showProgress, ciProgress, progressIntervalMs, json, ...run } = options;
  const ci = ciProgress ? ciProgressListener(progress, progressIntervalMs) : undefined;
  const report = new ReportListener(run.baseline);
  // In this order: the CI line stops first; the console's summary reads the report built just before it.
  const listeners: RunListener[] = [
    ...(ci ? [ci] : []),
    report,
    ...(json ? [resultsStreamListener(json)] : []),
    new ConsoleReporter({ console: run.console, progress, showProgress, report: () => report.report }),
  ];
  const ledger = run.ledger || (json ? ledgerBesideResults(json) : undefined);
  try {
    const outcome = await runConformance({ ...run, ...(ledger ? { ledger } : {}), listeners });
    return { ...outcome, report: report.report };
  } finally {
    ci?.stop();
  }
}
