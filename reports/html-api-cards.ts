import type { ApiReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { statusChart, verdictChart } from './svg-charts.ts';

/** Invalid requests the target accepted created resources a live run must clean up. */
function unexpectedCreations(api: ApiReport): Html {
  const { count, caseIds } = api.unexpectedlyCreated;
  if (count === 0) return html``;
  const more = count > caseIds.length ? html` and ${count - caseIds.length} more` : '';
  return html`<p class="warnings">${count} invalid requests were accepted and so created resources: ${caseIds.map((id, index) => html`${index ? ', ' : ''}<code>${id}</code>`)}${more}.</p>`;
}

/** An API at a glance: its operation, its charts; the requirement counts are in the legend and the summary table. */
function apiCard(api: ApiReport): Html {
  const cls = api.verdict.replaceAll(' ', '-');
  return html`<section class="api-card" data-api="${api.api}"><h3><span>${api.api}</span><span class="badge ${cls}">${api.verdict}</span></h3>
<p class="operation"><code>${api.operation}</code> · ${api.document}</p>
<p class="counts"><span>cases <b>${api.cases}</b> (${api.failedCases} failed)</span><span>created <b>${api.created}</b></span></p>
${unexpectedCreations(api)}
${verdictChart(api)}
<h4>Observed statuses</h4>
${statusChart(api)}
</section>`;
}

export function apiCardsSection(apis: ApiReport[]): Html {
  return html`<section id="apis"><h2>Per API</h2><div class="apis">${apis.map(apiCard)}</div></section>`;
}
