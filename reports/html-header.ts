import type { ApiReport, ReportModel } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { shownVerdict } from './html-requirements.ts';

export function overallVerdict(model: ReportModel): { label: string; pass: boolean } {
  if (!model.run.complete) return { label: 'INCOMPLETE — NOT CONFORMANT', pass: false };
  return model.run.exitCode === 0 ? { label: 'CONFORMANT', pass: true } : { label: 'NOT CONFORMANT', pass: false };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function banner(model: ReportModel): Html {
  const { label, pass } = overallVerdict(model);
  const count = (verdict: string) => model.requirements.filter((row) => shownVerdict(row) === verdict).length;
  const known = model.run.baseline ? ` · ${count('known')} known (baseline)` : '';
  const summary = `${count('held')} held · ${count('broken')} broken · ${count('warned')} warned (inferred) · ${count('not-run')} not run · ${model.run.cases} cases, ${model.run.failedCases} failed${known}`;
  return html`<div class="verdict-banner ${pass ? 'pass' : 'fail'}" id="verdict"><strong>${label}</strong><span>${summary}</span></div>`;
}

function factItems(model: ReportModel): [string, string][] {
  const run = model.run;
  const items: [string, string][] = [
    ['Target', run.targets.join(', ')],
    ['Seed', run.seeds.join(', ')],
    ['Runs', run.runs.join(', ')],
    ['Duration', run.sources.length > 1 ? `${seconds(run.durationMs)} (summed over ${run.sources.length} result files)` : seconds(run.durationMs)],
    ['Started', readableTime(run.startedAt)],
    ['Finished', readableTime(run.finishedAt)],
    ['Suite version', run.suiteVersion],
    ['Strict', run.strict ? 'yes: inferred requirements fail too' : 'no: broken inferred requirements warn'],
    ['Complete', run.complete ? 'yes' : 'no: some cases were not sent'],
    ['Exit code', String(run.exitCode)],
  ];
  const notSent = Object.entries(run.notSent);
  if (notSent.length) items.push(['Planned, not sent', notSent.map(([why, count]) => `${count} (${why})`).join(', ')]);
  const created = model.apis.reduce((sum, api) => sum + api.created, 0);
  items.push(['Created on the target', `${created} resources (2xx answers)`]);
  if (run.sources.length) items.push(['Merged from', run.sources.join(', ')]);
  if (run.label) items.push(['Target label', run.label]);
  if (run.baseline) items.push(['Baseline', `${run.baseline.file}${run.baseline.strict ? ' (strict: a fixed entry fails)' : ''}`]);
  return items;
}

/** The run's facts as one flowing list: a line or two, not a block of the first screen. */
function facts(model: ReportModel): Html {
  return html`<dl class="facts">${factItems(model).map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function warnings(model: ReportModel): Html {
  const all = [
    ...(model.run.complete
      ? []
      : [
          'The run is incomplete (a deadline or an interrupt stopped it, or a result file lacks its summary): requirements the unsent cases would have tried may be reported not run.',
        ]),
    ...model.warnings,
  ];
  return all.length ? html`<div class="warnings" role="alert">${all.map((text) => html`<p>${text}</p>`)}</div>` : html``;
}

function apiSummaryRow(api: ApiReport): Html {
  const cls = api.verdict.replaceAll(' ', '-');
  return html`<tr data-api="${api.api}"><td><code>${api.api}</code></td><td><span class="badge ${cls}">${api.verdict}</span></td><td class="num">${api.held}</td><td class="num">${api.broken}</td><td class="num">${api.warned}</td><td class="num">${api.notRun}</td><td class="num">${api.cases}</td><td class="num">${api.failedCases}</td></tr>`;
}

function apiSummary(apis: ApiReport[]): Html {
  return html`<table class="api-summary"><thead><tr><th>API</th><th>Verdict</th><th class="num">Held</th><th class="num">Broken</th><th class="num">Warned (inferred)</th><th class="num">Not run</th><th class="num">Cases</th><th class="num">Failed cases</th></tr></thead><tbody>${apis.map(apiSummaryRow)}</tbody></table>`;
}

/** Did it pass: the verdict, anything the reader must know about the report, the run's facts, each API's counts. */
export function pageHeader(model: ReportModel): Html {
  return html`<header><div class="title"><h1>API conformance report</h1><p class="muted">cloud-create-conformance ${model.run.suiteVersion}, ${readableTime(model.run.finishedAt)}</p></div>
${banner(model)}${warnings(model)}${facts(model)}${apiSummary(model.apis)}</header>`;
}
