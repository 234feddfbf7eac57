import { appendFileSync } from 'node:fs';
import type { ReportModel } from '../reports/report-model.ts';
import { stepSummaryMarkdown } from '../reports/step-summary.ts';

/**
 * Under GitHub Actions (GITHUB_STEP_SUMMARY names a file): the run's summary is appended, as
 * GitHub expects (earlier steps' summaries stay). A file that cannot be written is said, and
 * changes nothing to the exit status: the run's verdict stands.
 */
export function appendJobSummary(model: ReportModel, file = process.env.GITHUB_STEP_SUMMARY): void {
  if (!file) return;
  try {
    appendFileSync(file, stepSummaryMarkdown(model), 'utf8');
    process.stdout.write(`GitHub job summary: ${file}\n`);
  } catch (error) {
    process.stderr.write(`conformance: cannot append the job summary to ${file}: ${(error as Error).message}\n`);
  }
}
