import { VERDICT_GLYPHS } from '../runner/console-report.ts';
import type { ApiReport, BaselineSummary } from './report-model.ts';

function apiGlyph(api: ApiReport): string {
  if (api.broken > 0) return VERDICT_GLYPHS.broken;
  return api.warned > 0 ? VERDICT_GLYPHS.warned : VERDICT_GLYPHS.held;
}

/** One line per API, from the report model: the same numbers the HTML and JUnit show. */
export function formatSummary(apis: ApiReport[], baseline?: BaselineSummary): string {
  const rows = apis.map((api) => {
    const count = (n: number) => String(n).padStart(3);
    const known = baseline ? `  known ${count(api.known)}` : '';
    return `  ${apiGlyph(api)} ${api.api.padEnd(22)} held ${count(api.held)}  broken ${count(api.broken)}  warned (inferred) ${count(api.warned)}  not run ${count(api.notRun)}  cases ${String(api.cases).padStart(5)}  failed ${count(api.failedCases)}${known}`;
  });
  return `${[...rows, ...(baseline ? baselineLines(baseline) : [])].join('\n')}\n`;
}

/** What the baseline made of the run: new and expired fail; fixed entries are to be removed. */
function baselineLines(baseline: BaselineSummary): string[] {
  const ids = (list: string[]) => (list.length ? `: ${list.join(', ')}` : '');
  const fixedNote = baseline.strict ? 'fails with --strict-baseline; remove from baseline' : 'remove from baseline';
  return [
    `Baseline ${baseline.file}: ${baseline.new.length} new${ids(baseline.new)}`,
    `  ${baseline.known.length} known (broken, as expected)${ids(baseline.known)}`,
    ...(baseline.fixed.length ? [`  ${baseline.fixed.length} fixed (${fixedNote})${ids(baseline.fixed)}`] : []),
    ...(baseline.expired.length ? [`  ${baseline.expired.length} expired (fails: fix the target or renew the entry)${ids(baseline.expired)}`] : []),
    ...(baseline.unproven.length ? [`  ${baseline.unproven.length} not run (the run says nothing of them)${ids(baseline.unproven)}`] : []),
    ...(baseline.notApplicable ? [`  ${baseline.notApplicable} entries for APIs this run did not test`] : []),
  ];
}
