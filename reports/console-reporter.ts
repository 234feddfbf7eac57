import type { CaseResult } from '../engine/run/run-model.ts';
import { ProgressLine, type ConsoleSink } from '../runner/console-report.ts';
import { FailureLog } from '../runner/failure-log.ts';
import type { PlannedCount, RunListener, RunProgress, RunStart, RunStop, RunSummary } from '../runner/run-listener.ts';
import { formatSummary } from './console-summary.ts';
import type { ReportModel } from './report-model.ts';

export interface ConsoleReporterOptions {
  console: ConsoleSink;
  /** Where the live progress line goes (a terminal's stderr). */
  progress: ConsoleSink & { isTTY?: boolean };
  showProgress: boolean;
  /** The report model, built before this reporter is told the run finished: the summary shows its numbers. */
  report: () => ReportModel;
}

function stopSentence(stop: RunStop): string {
  if (stop.reason === 'stopped') return 'The run was interrupted';
  if (stop.reason === 'max-failures') return `The run stopped at ${stop.maxFailures} broken requirements (--max-failures)`;
  return `The run's deadline (${stop.deadlineMs} ms) passed`;
}

function plannedSoFar(count: PlannedCount): string {
  return count.complete ? `about ${count.cases}` : `at least ${count.cases}`;
}

/** The console text of a run: each failure once as it is found (with a live progress line on a terminal), then the summary. */
export class ConsoleReporter implements RunListener {
  private failures: FailureLog | undefined;
  private progress: ProgressLine | undefined;
  private started: RunStart | undefined;

  constructor(private readonly options: ConsoleReporterOptions) {}

  onStart(start: RunStart): void {
    this.started = start;
    this.failures = new FailureLog(start.specs, start.header.strict, start.knownDeviation);
    this.progress = new ProgressLine(this.options.progress, start.plannedCases, this.options.showProgress);
  }

  onResult(result: CaseResult, progress: RunProgress): void {
    if (!result.passed) {
      const text = this.failures?.note(result);
      if (text) {
        this.progress?.clear();
        this.options.console.write(text);
      }
    }
    this.progress?.update(progress.done, progress.failed);
  }

  onFinish(summary: RunSummary): void {
    const start = this.started;
    if (!start) return;
    const write = (text: string) => this.options.console.write(text);
    this.progress?.clear();
    if (summary.stop)
      write(
        `${stopSentence(summary.stop)} after ${summary.cases} of ${plannedSoFar(start.plannedCases())} planned cases; the results are incomplete and the run fails.\n`,
      );
    const leftOut = Object.entries(summary.footer.notSent ?? {});
    if (leftOut.length) write(`Planned but not sent, as asked: ${leftOut.map(([why, count]) => `${count} (${why})`).join(', ')}.\n`);
    const report = this.options.report();
    write(formatSummary(report.apis, report.run.baseline));
    const { footer } = summary;
    write(
      `${summary.cases} cases against ${start.targets.join(', ')}${summary.embeddedMock ? ' (the embedded mock)' : ''}, seed ${start.header.seed}, ${(footer.durationMs / 1000).toFixed(1)} s: ${footer.exitCode === 0 ? 'conformant' : 'NOT conformant'}\n`,
    );
    for (const api of report.apis) {
      if (api.created > 0)
        write(
          `${api.api}: the run created ${api.created} resources on the target${api.unexpectedlyCreated.count ? `, ${api.unexpectedlyCreated.count} of them by requests a conforming target refuses` : ''}.\n`,
        );
    }
    for (const line of summary.cleanup) write(`Cleanup: ${line}\n`);
    if (summary.keystoneTokens !== undefined) write(`Keystone: ${summary.keystoneTokens} token(s) issued during the run (renewed as they expired).\n`);
    for (const warning of summary.warnings) write(`Warning: ${warning}\n`);
  }
}
