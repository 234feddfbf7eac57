import type { ApiReport, ErratumReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { caseExampleLine } from './html-case-example.ts';

/**
 * The reference part of the report, after what failed: each operation's response codes, the
 * documents' errata and a sample of the passes, one closed `<details>` per API each.
 */

function undocumentedObserved(api: ApiReport): { status: string; count: number }[] {
  const documented = new Set(api.responseCodes.map((code) => code.status));
  return api.observedStatuses.filter((observed) => !documented.has(observed.status));
}

function responseCodesSummary(api: ApiReport): Html {
  const extra = undocumentedObserved(api);
  const note = extra.length
    ? html` · <span class="alert">also answered ${extra.map((observed) => `${observed.status} ×${observed.count}`).join(', ')}</span>`
    : '';
  return html`<summary><code>${api.api}</code> <span class="muted">${api.operation}</span> · ${api.responseCodes.length} documented codes${note}</summary>`;
}

function responseCodes(api: ApiReport): Html {
  const rows = api.responseCodes.map(
    (code) => html`<tr><td>${code.status}</td><td>${code.description}</td><td class="num">${code.provoked}</td><td class="num">${code.observed}</td></tr>`,
  );
  const together = api.expectedTogether.map(
    (set) =>
      html`<tr><td>${set.statuses.join(' or ')}</td><td class="muted">cases accepting any of these (each counted once, here only)</td><td class="num">${set.cases}</td><td class="num"></td></tr>`,
  );
  const extra = undocumentedObserved(api).map(
    (observed) =>
      html`<tr><td>${observed.status}</td><td class="muted">${observed.status === 'no answer' ? 'no answer: a transport failure' : 'not documented'}</td><td class="num">0</td><td class="num">${observed.count}</td></tr>`,
  );
  return html`<details class="group" data-api="${api.api}">${responseCodesSummary(api)}<div data-api="${api.api}">
<table><thead><tr><th>Status</th><th>The document says</th><th class="num">Expected by (cases)</th><th class="num">Observed (answers)</th></tr></thead><tbody>${rows}${extra}${together}</tbody><tfoot><tr><th>All</th><td></td><td class="num">${api.cases}</td><td class="num">${api.cases}</td></tr></tfoot></table></div></details>`;
}

export function responseCodesSection(apis: ApiReport[]): Html {
  return html`<section id="response-codes"><h2>Documented response codes</h2><p class="muted">Which of each operation's documented statuses the run's cases expected, and which the target answered. Every case counts once in each column: a case that accepts several statuses is counted on its own row.</p>${apis.map(responseCodes)}</section>`;
}

function erratum(row: ErratumReport): Html {
  return html`<tr data-api="${row.api}"><td><code>${row.id}</code></td><td>${row.section}</td><td class="quote">${row.quote}</td><td>${row.problem}</td><td>${row.interpretation}</td></tr>`;
}

function errataOfApi(api: string, rows: ErratumReport[]): Html {
  return html`<details class="group" data-api="${api}"><summary><code>${api}</code> · ${rows.length} errata</summary>
<table class="errata"><thead><tr><th>Erratum</th><th>Section</th><th>The document says</th><th>Problem</th><th>Interpretation</th></tr></thead><tbody>${rows.map(erratum)}</tbody></table></details>`;
}

export function errataSection(errata: ErratumReport[]): Html {
  const apis = [...new Set(errata.map((row) => row.api))];
  const groups = apis.map((api) =>
    errataOfApi(
      api,
      errata.filter((row) => row.api === api),
    ),
  );
  return html`<section id="errata"><h2>Errata of the documents (${errata.length})</h2><p class="muted">Where a document contradicts itself, and the interpretation the specs chose.</p>${groups}</section>`;
}

function passes(api: ApiReport): Html {
  if (!api.samplePasses.length) return html``;
  return html`<details class="group" data-api="${api.api}"><summary><code>${api.api}</code> · ${api.samplePasses.length} of ${api.cases - api.failedCases} passing cases</summary><ul>${api.samplePasses.map(caseExampleLine)}</ul></details>`;
}

export function passesSection(apis: ApiReport[]): Html {
  return html`<section id="passes"><h2>Sample of passing cases</h2><p class="muted">A deterministic sample; the JSON results hold every case.</p>${apis.map(passes)}</section>`;
}
