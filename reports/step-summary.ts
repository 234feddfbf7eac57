import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiReport, CaseExample, ReportModel, ReportRun, RequirementReport } from './report-model.ts';
import { brokenInReadingOrder } from './broken-requirements.ts';

/** Broken requirements shown in full; the rest are named (GitHub refuses a job summary over 1 MiB). */
const MAX_SHOWN_REQUIREMENTS = 30;
/** A longer curl (a huge request body) is left to the HTML report rather than truncated into one that does not reproduce. */
const MAX_CURL_CHARS = 16_000;

/**
 * The run as a GitHub Actions job summary (Markdown): the verdict, a table per API, each
 * broken requirement with the document's sentence and the curl of its counterexample, and how
 * to rerun it. Everything taken from the model is escaped; the curls are already redacted.
 */
export function stepSummaryMarkdown(model: ReportModel): string {
  const sections = [
    heading(model),
    runFacts(model.run),
    ...incompleteNote(model.run),
    apiTable(model.apis),
    ...baselineNote(model.run),
    ...brokenRequirements(model),
    reproduce(model),
  ];
  // Appended after whatever the step wrote before: a blank line first keeps it from running into it.
  return `\n${sections.join('\n\n')}\n`;
}

export function overallVerdict(model: ReportModel): 'CONFORMANT' | 'NOT CONFORMANT' | 'INCOMPLETE' {
  // A broken requirement is a verdict even when the run did not finish; nothing broken in a partial run proves nothing.
  if (model.requirements.some((row) => row.failing)) return 'NOT CONFORMANT';
  if (!model.run.complete) return 'INCOMPLETE';
  return model.run.exitCode === 0 ? 'CONFORMANT' : 'NOT CONFORMANT';
}

const VERDICT_MARK = { CONFORMANT: '✅', 'NOT CONFORMANT': '❌', INCOMPLETE: '⚠️' } as const;

function heading(model: ReportModel): string {
  const verdict = overallVerdict(model);
  return `## API conformance: ${VERDICT_MARK[verdict]} ${verdict}`;
}

function runFacts(run: ReportRun): string {
  const facts = [
    `${run.cases} cases, ${run.failedCases} failed`,
    `target ${run.targets.join(', ')}`,
    `seed ${run.seeds.join(', ')}`,
    `runs ${run.runs.join(', ')}`,
    run.strict ? 'strict' : 'not strict (broken inferred requirements warn)',
    `${(run.durationMs / 1000).toFixed(1)} s`,
    `suite ${run.suiteVersion}`,
  ];
  if (run.sources.length) facts.push(`merged from ${run.sources.length} result file${run.sources.length === 1 ? '' : 's'}`);
  return escapeInline(facts.join(' · '));
}

function incompleteNote(run: ReportRun): string[] {
  const notSent = Object.entries(run.notSent).map(([why, count]) => `${count} (${why})`);
  const lines = [];
  if (!run.complete) lines.push('**The run is incomplete**: a deadline, an interrupt or --max-failures stopped it, or a result file lacks its summary.');
  if (notSent.length) lines.push(escapeInline(`Planned but not sent, as asked: ${notSent.join(', ')}.`));
  return lines.length ? [lines.join('\n')] : [];
}

function apiTable(apis: ApiReport[]): string {
  const header = ['API', 'Verdict', 'Held', 'Broken', 'Warned (inferred)', 'Not run', 'Cases', 'Failed cases'];
  const rows = apis.map((api) =>
    [api.api, api.verdict, api.held, api.broken, api.warned, api.notRun, api.cases, api.failedCases].map((cell) => tableCell(String(cell))),
  );
  return [`| ${header.join(' | ')} |`, `| --- | --- |${' ---: |'.repeat(header.length - 2)}`, ...rows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

/** New, known, fixed and expired apart, when the run had a --baseline. */
function baselineNote(run: ReportRun): string[] {
  const baseline = run.baseline;
  if (!baseline) return [];
  const ids = (list: string[]) => (list.length ? `: ${list.map(codeSpan).join(', ')}` : '');
  return [
    [
      `**Baseline** ${codeSpan(baseline.file)}: ${baseline.new.length} new${ids(baseline.new)}`,
      `- ${baseline.known.length} known${ids(baseline.known)}`,
      ...(baseline.fixed.length
        ? [`- ${baseline.fixed.length} fixed, remove from baseline${baseline.strict ? ' (fails with --strict-baseline)' : ''}${ids(baseline.fixed)}`]
        : []),
      ...(baseline.expired.length ? [`- ${baseline.expired.length} expired (fail the run)${ids(baseline.expired)}`] : []),
    ].join('\n'),
  ];
}

function brokenRequirements(model: ReportModel): string[] {
  const broken = brokenInReadingOrder(model.requirements);
  if (broken.length === 0) return [];
  const documents = new Map(model.apis.map((api) => [api.api, api.document]));
  const shown = broken.slice(0, MAX_SHOWN_REQUIREMENTS).map((row) => brokenRequirement(row, documents.get(row.api) ?? ''));
  const rest = broken.slice(MAX_SHOWN_REQUIREMENTS);
  const more = rest.length ? [`And ${rest.length} more (see the HTML report): ${rest.map((row) => codeSpan(row.id)).join(', ')}`] : [];
  return [`### Broken requirements (${broken.length})`, ...shown, ...more];
}

function brokenRequirement(row: RequirementReport, document: string): string {
  const standing = row.failing
    ? 'fails the run'
    : row.baseline?.status === 'known'
      ? 'a known deviation (baseline): does not fail the run'
      : 'a warning: inferred, fails only with --strict';
  const lines = [
    `#### ${codeSpan(row.id)} (${escapeInline(row.level)}: ${standing})`,
    escapeInline(`${document}, section "${row.section}":`),
    `> ${escapeInline(oneLine(row.quote))}`,
  ];
  const example = row.counterexamples[0];
  if (example) lines.push(counterexample(example, row.moreFailures + row.counterexamples.length - 1));
  return lines.join('\n\n');
}

function counterexample(example: CaseExample, otherFailures: number): string {
  const answer = example.response ? `got ${example.response.status}` : `no answer (${example.error ?? 'no response'})`;
  const others = otherFailures > 0 ? ` (${otherFailures} other failing case${otherFailures === 1 ? '' : 's'})` : '';
  const text = `Counterexample ${codeSpan(example.caseId)}${others}: ${escapeInline(oneLine(example.description))}; expected ${example.expectedStatuses.join(' or ')}, ${escapeInline(oneLine(answer))}.`;
  const curl =
    example.curl.length <= MAX_CURL_CHARS
      ? codeBlock(example.curl, 'sh')
      : `Its curl (${example.curl.length} characters) is in the HTML report and the JSON results.`;
  return `${text}\n\n${curl}`;
}

function reproduce(model: ReportModel): string {
  const { seeds, runs, strict } = model.run;
  const apis = model.apis.map((api) => api.api);
  const apiOptions = apis.length === API_NAMES.length ? '' : apis.map((api) => ` --api ${api}`).join('');
  const runsOption = runs.length === 1 ? ` --runs ${runs[0]}` : '';
  const commands = seeds.map((seed) => `npx conformance run --seed ${seed}${runsOption}${apiOptions}${strict ? ' --strict' : ''}`);
  const notes = [
    "Against a live target, add the run's `--target` or `--config` (its secrets from the environment, as in this job)" +
      (model.run.sources.length ? '; `--shard I/N` reruns one shard.' : '.'),
  ];
  if (runs.length > 1) notes.push(escapeInline(`The result files differ in --runs (${runs.join(', ')}): give each its own.`));
  return [`### Reproduce`, codeBlock(commands.join('\n'), 'sh'), ...notes].join('\n\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text that reads as itself: emphasis, code, links, HTML, entities, math and table pipes are escaped, and a block marker at its start. */
export function escapeInline(text: string): string {
  // CommonMark allows a backslash before any ASCII punctuation.
  return escapeBlockMarker(text.replace(/[\\`*_[\]<>|~&$]/g, (character) => `\\${character}`));
}

/** `- x`, `+ x`, `# x` or `1. x` at the start of a line would make a list or a heading of a quote. */
function escapeBlockMarker(text: string): string {
  const ordered = /^\d+(?=[.)])/.exec(text);
  if (ordered) return `${ordered[0]}\\${text.slice(ordered[0].length)}`;
  return /^[-+=#]/.test(text) ? `\\${text}` : text;
}

/** A table cell stays one cell: pipes escaped, line breaks as <br>. */
export function tableCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeInline)
    .join('<br>');
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

export function codeSpan(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text.replace(/\r?\n/g, ' ')}${padding}${fence}`;
}

/** A fence longer than any run of backticks inside, so nothing in the text can close the block. */
export function codeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
