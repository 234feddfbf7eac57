import type { Baseline } from '../engine/run/baseline.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import type { RunHeader } from '../engine/run/results-document.ts';
import type { RunListener, RunStart, RunSummary } from '../runner/run-listener.ts';
import { ReportAccumulator } from './report-accumulator.ts';
import type { ReportModel } from './report-model.ts';

/** The HTML and JUnit reports' model, folded from the results as the run goes and built at its end. */
export class ReportListener implements RunListener {
  private accumulator: ReportAccumulator | undefined;
  private started: { header: RunHeader; targets: string[] } | undefined;
  private model: ReportModel | undefined;

  /** With a baseline (--baseline): a known deviation does not fail, an expired entry does. */
  constructor(private readonly baseline?: Baseline) {}

  onStart(start: RunStart): void {
    this.accumulator = new ReportAccumulator(start.specs, { runTallies: true });
    this.started = { header: start.header, targets: start.targets };
  }

  onResult(result: CaseResult): void {
    this.accumulator?.add(result);
  }

  onFinish(summary: RunSummary): void {
    const { accumulator, started } = this;
    if (!accumulator || !started) return;
    const { header, targets } = started;
    const { footer } = summary;
    // The run's verdicts, with its own reasons for what did not run (the plan's, the selection's).
    accumulator.takeVerdicts(footer.verdicts);
    this.model = accumulator.build(
      {
        suiteVersion: header.suiteVersion,
        startedAt: header.startedAt,
        finishedAt: footer.finishedAt,
        durationMs: footer.durationMs,
        targets,
        seeds: [header.seed],
        runs: [header.runs],
        strict: header.strict,
        complete: footer.complete,
        notSent: footer.notSent ?? {},
        sources: [],
        ...(header.label ? { label: header.label } : {}),
      },
      [],
      this.baseline,
    );
  }

  /** The report; only once the run has finished. */
  get report(): ReportModel {
    if (!this.model) throw new Error('the report is built when the run finishes');
    return this.model;
  }
}
