import type { RequirementReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';

/** The requirements on the request the run did not send both ways, and why: what the verdicts cannot speak for. */
function oneWay(rows: RequirementReport[]): RequirementReport[] {
  return rows.filter((row) => row.coverage !== 'both ways' && row.coverage !== 'on the answers');
}

function line(row: RequirementReport): Html {
  return html`<tr data-api="${row.api}"><td><code>${row.id}</code></td><td class="tag">${row.coverage}</td><td class="num">${row.breakingCases}</td><td class="num">${row.positiveCases}</td><td>${row.coverageReason ?? ''}</td></tr>`;
}

function group(api: string, rows: RequirementReport[], requestSide: number): Html {
  return html`<details class="group" data-api="${api}"><summary><code>${api}</code> · ${requestSide - rows.length} of ${requestSide} sent both ways · ${rows.length} not</summary>
<table><thead><tr><th>Requirement</th><th>Sent</th><th class="num">Negatives (alone)</th><th class="num">Positives</th><th>Why not both ways</th></tr></thead><tbody>${rows.map(line)}</tbody></table></details>`;
}

/** Per API: how many requirements on the request were sent both ways, and for the others, which way and why. */
export function coverageSection(requirements: RequirementReport[]): Html {
  const requestSide = requirements.filter((row) => row.coverage !== 'on the answers');
  const missing = oneWay(requestSide);
  const apis = [...new Set(requirements.map((row) => row.api))];
  const groups = apis.map((api) =>
    group(
      api,
      missing.filter((row) => row.api === api),
      requestSide.filter((row) => row.api === api).length,
    ),
  );
  return html`<section id="coverage"><h2>Coverage: ${requestSide.length - missing.length} of ${requestSide.length} requirements on the request sent both ways</h2><p class="muted">Both ways: a negative that breaks the requirement alone (the target had to refuse it) and a valid request that puts it to the test (the target had to accept it). Requirements on the answer are judged on every answer.</p>${groups}</section>`;
}
