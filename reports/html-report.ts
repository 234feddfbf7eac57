import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApiReport, ErratumReport, ReportModel, RequirementReport } from './report-model.ts';
import { html, trusted, type Html } from './html-template.ts';
import { brokenRequirement, requirementsMatrix, shownVerdict } from './html-requirements.ts';
import { caseExampleLine } from './html-case-example.ts';
import { statusChart, verdictChart } from './svg-charts.ts';

const STYLE = readFileSync(new URL('./assets/report.css', import.meta.url), 'utf8');
const SCRIPT = readFileSync(new URL('./assets/report-filters.js', import.meta.url), 'utf8');

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Only the report's own style and script may run: should anything the target sent ever get
 * past the escaping, the browser still refuses to run it or to load anything from anywhere.
 */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src 'none'; form-action 'none'; base-uri 'none'`;

function overallVerdict(model: ReportModel): { label: string; pass: boolean } {
  if (!model.run.complete) return { label: 'INCOMPLETE — NOT CONFORMANT', pass: false };
  return model.run.exitCode === 0 ? { label: 'CONFORMANT', pass: true } : { label: 'NOT CONFORMANT', pass: false };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function banner(model: ReportModel): Html {
  const { label, pass } = overallVerdict(model);
  const count = (verdict: string) => model.requirements.filter((row) => shownVerdict(row) === verdict).length;
  const summary = `${count('held')} held · ${count('broken')} broken · ${count('warned')} warned (inferred) · ${count('not-run')} not run · ${model.run.cases} cases, ${model.run.failedCases} failed`;
  return html`<div class="verdict-banner ${pass ? 'pass' : 'fail'}" id="verdict"><strong>${label}</strong><span>${summary}</span></div>`;
}

function facts(model: ReportModel): Html {
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
  return html`<dl class="facts">${items.map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function warnings(model: ReportModel): Html {
  const all = [...(model.run.complete ? [] : ['The run is incomplete (a deadline or an interrupt stopped it, or a result file lacks its summary): requirements the unsent cases would have tried may be reported not run.']), ...model.warnings];
  return all.length ? html`<div class="warnings" role="alert">${all.map((text) => html`<p>${text}</p>`)}</div>` : html``;
}

function apiSummaryRow(api: ApiReport): Html {
  const cls = api.verdict.replaceAll(' ', '-');
  return html`<tr data-api="${api.api}"><td><code>${api.api}</code></td><td><span class="badge ${cls}">${api.verdict}</span></td><td class="num">${api.held}</td><td class="num">${api.broken}</td><td class="num">${api.warned}</td><td class="num">${api.notRun}</td><td class="num">${api.cases}</td><td class="num">${api.failedCases}</td></tr>`;
}

function apiSummary(apis: ApiReport[]): Html {
  return html`<table class="api-summary"><thead><tr><th>API</th><th>Verdict</th><th class="num">Held</th><th class="num">Broken</th><th class="num">Warned (inferred)</th><th class="num">Not run</th><th class="num">Cases</th><th class="num">Failed cases</th></tr></thead><tbody>${apis.map(apiSummaryRow)}</tbody></table>`;
}

function apiCard(api: ApiReport): Html {
  const cls = api.verdict.replaceAll(' ', '-');
  return html`<section class="api-card" data-api="${api.api}"><h3><span>${api.api}</span><span class="badge ${cls}">${api.verdict}</span></h3>
<p class="operation"><code>${api.operation}</code> · ${api.document}</p>
<p class="counts"><span>held <b>${api.held}</b></span><span>broken <b>${api.broken}</b></span><span>warned <b>${api.warned}</b></span><span>not run <b>${api.notRun}</b></span><span>cases <b>${api.cases}</b> (${api.failedCases} failed)</span><span>created <b>${api.created}</b></span></p>
${unexpectedCreations(api)}
${verdictChart(api)}
<h4>Observed statuses</h4>
${statusChart(api)}
</section>`;
}

/** Invalid requests the target accepted created resources a live run must clean up. */
function unexpectedCreations(api: ApiReport): Html {
  const { count, caseIds } = api.unexpectedlyCreated;
  if (count === 0) return html``;
  const more = count > caseIds.length ? html` and ${count - caseIds.length} more` : '';
  return html`<p class="warnings">${count} invalid requests were accepted and so created resources: ${caseIds.map((id, index) => html`${index ? ', ' : ''}<code>${id}</code>`)}${more}.</p>`;
}

function filters(apis: ApiReport[]): Html {
  const options = apis.map((api) => html`<option value="${api.api}">${api.api}</option>`);
  return html`<nav class="filters" id="filters" hidden aria-label="Filter the requirements">
<label>API <select id="filter-api"><option value="">all</option>${options}</select></label>
<label>Verdict <select id="filter-verdict"><option value="">all</option><option value="broken">broken</option><option value="warned">warned (inferred)</option><option value="held">held</option><option value="not-run">not run</option></select></label>
<label>Search <input type="search" id="filter-search" placeholder="id, quote, section, case…"></label>
<output id="filter-count"></output>
</nav>`;
}

function brokenSection(model: ReportModel): Html {
  const documents = new Map(model.apis.map((api) => [api.api, api.document]));
  const broken = model.requirements.filter((row) => row.verdict === 'broken').sort((a, b) => Number(b.failing) - Number(a.failing));
  const body = broken.length
    ? broken.map((row) => brokenRequirement(row, documents.get(row.api) ?? ''))
    : html`<p>None: every requirement that ran held.</p>`;
  return html`<section id="broken"><h2>Broken requirements (${broken.length})</h2>${body}</section>`;
}

function responseCodes(api: ApiReport): Html {
  const documented = new Set(api.responseCodes.map((code) => code.status));
  const rows = api.responseCodes.map((code) => html`<tr><td>${code.status}</td><td>${code.description}</td><td class="num">${code.provoked}</td><td class="num">${code.observed}</td></tr>`);
  const together = api.expectedTogether.map((set) => html`<tr><td>${set.statuses.join(' or ')}</td><td class="muted">cases accepting any of these (each counted once, here only)</td><td class="num">${set.cases}</td><td class="num"></td></tr>`);
  const extra = api.observedStatuses
    .filter((observed) => !documented.has(observed.status))
    .map((observed) => html`<tr><td>${observed.status}</td><td class="muted">${observed.status === 'no answer' ? 'no answer: a transport failure' : 'not documented'}</td><td class="num">0</td><td class="num">${observed.count}</td></tr>`);
  return html`<div data-api="${api.api}"><h3>${api.api} <span class="muted">${api.operation}</span></h3>
<table><thead><tr><th>Status</th><th>The document says</th><th class="num">Expected by (cases)</th><th class="num">Observed (answers)</th></tr></thead><tbody>${rows}${extra}${together}</tbody><tfoot><tr><th>All</th><td></td><td class="num">${api.cases}</td><td class="num">${api.cases}</td></tr></tfoot></table></div>`;
}

function erratum(row: ErratumReport): Html {
  return html`<tr data-api="${row.api}"><td><code>${row.id}</code></td><td>${row.section}</td><td class="quote">${row.quote}</td><td>${row.problem}</td><td>${row.interpretation}</td></tr>`;
}

function passes(api: ApiReport): Html {
  if (!api.samplePasses.length) return html``;
  return html`<details data-api="${api.api}"><summary>${api.api}: ${api.samplePasses.length} of ${api.cases - api.failedCases} passing cases</summary><ul>${api.samplePasses.map(caseExampleLine)}</ul></details>`;
}

function matrixSection(rows: RequirementReport[]): Html {
  return html`<section id="matrix"><h2>Requirements (${rows.length})</h2><p class="muted">Every requirement of the specs, with the document's sentence it enforces. A requirement on the request holds once a request breaking it was refused.</p>${requirementsMatrix(rows)}</section>`;
}

/** The self-contained HTML report: one file, no external resource, readable with JavaScript off. */
export function htmlReport(model: ReportModel): string {
  const { label } = overallVerdict(model);
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${label} — API conformance report</title>
<style>${trusted(STYLE)}</style></head>
<body><main>
<header><h1>API conformance report</h1><p class="muted">cloud-create-conformance ${model.run.suiteVersion}, ${readableTime(model.run.finishedAt)}</p>
${banner(model)}${warnings(model)}${facts(model)}${apiSummary(model.apis)}</header>
${filters(model.apis)}
${brokenSection(model)}
<section id="apis"><h2>Per API</h2><div class="apis">${model.apis.map(apiCard)}</div></section>
${matrixSection(model.requirements)}
<section id="response-codes"><h2>Documented response codes</h2><p class="muted">Which of each operation's documented statuses the run's cases expected, and which the target answered. Every case counts once in each column: a case that accepts several statuses is counted on its own row.</p>${model.apis.map(responseCodes)}</section>
<section id="errata"><h2>Errata of the documents (${model.errata.length})</h2><p class="muted">Where a document contradicts itself, and the interpretation the specs chose.</p>
<table class="errata"><thead><tr><th>Erratum</th><th>Section</th><th>The document says</th><th>Problem</th><th>Interpretation</th></tr></thead><tbody>${model.errata.map(erratum)}</tbody></table></section>
<section id="passes"><h2>Sample of passing cases</h2><p class="muted">A deterministic sample; the JSON results hold every case.</p>${model.apis.map(passes)}</section>
</main>
<script>${trusted(SCRIPT)}</script>
</body></html>
`;
  return page.text;
}
