import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sourcePath } from '../engine/project-files.ts';
import type { ApiReport, ReportModel, RequirementReport } from './report-model.ts';
import { html, trusted, type Html } from './html-template.ts';
import { brokenRequirement } from './html-requirements.ts';
import { requirementsMatrix } from './html-matrix.ts';
import { overallVerdict, pageHeader } from './html-header.ts';
import { apiCardsSection } from './html-api-cards.ts';
import { errataSection, passesSection, responseCodesSection } from './html-reference.ts';
import { baselineSection } from './html-baseline.ts';
import { coverageSection } from './html-coverage.ts';
import { brokenInReadingOrder } from './broken-requirements.ts';

const STYLE = readFileSync(sourcePath(new URL('./assets/report.css', import.meta.url)), 'utf8');
const SCRIPT = readFileSync(sourcePath(new URL('./assets/report-filters.js', import.meta.url)), 'utf8');

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Only the report's own style and script may run: should anything the target sent ever get
 * past the escaping, the browser still refuses to run it or to load anything from anywhere.
 */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src 'none'; form-action 'none'; base-uri 'none'`;

function filters(apis: ApiReport[]): Html {
  const options = apis.map((api) => html`<option value="${api.api}">${api.api}</option>`);
  return html`<nav class="filters" id="filters" hidden aria-label="Filter the requirements">
<label>API <select id="filter-api"><option value="">all</option>${options}</select></label>
<label>Verdict <select id="filter-verdict"><option value="">all</option><option value="broken">broken</option><option value="warned">warned (inferred)</option><option value="known">known (baseline)</option><option value="held">held</option><option value="not-run">not run</option></select></label>
<label>Search <input type="search" id="filter-search" placeholder="id, quote, section, case…"></label>
<output id="filter-count"></output>
</nav>`;
}

/** What broke and how to reproduce it: failing requirements first, then the inferred ones that only warn. */
function brokenSection(model: ReportModel): Html {
  const documents = new Map(model.apis.map((api) => [api.api, api.document]));
  const broken = brokenInReadingOrder(model.requirements);
  const body = broken.length ? broken.map((row) => brokenRequirement(row, documents.get(row.api) ?? '')) : html`<p>None: every requirement that ran held.</p>`;
  return html`<section id="broken"><h2>Broken requirements (${broken.length})</h2>${body}</section>`;
}

function matrixSection(rows: RequirementReport[]): Html {
  return html`<section id="matrix"><h2>Requirements (${rows.length})</h2><p class="muted">Every requirement of the specs, with the document's sentence it enforces, by API (open one to see its rows; broken first). A requirement on the request holds once a request breaking it was refused.</p>${requirementsMatrix(rows)}</section>`;
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
${pageHeader(model)}
${filters(model.apis)}
${brokenSection(model)}
${baselineSection(model)}
${apiCardsSection(model.apis)}
${matrixSection(model.requirements)}
${coverageSection(model.requirements)}
${responseCodesSection(model.apis)}
${errataSection(model.errata)}
${passesSection(model.apis)}
</main>
<script>${trusted(SCRIPT)}</script>
</body></html>
`;
  return page.text;
}
