import type { RequirementReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { anchorOf, shownVerdict, verdictBadge } from './html-requirements.ts';
import type { ShownVerdict } from '../engine/run/verdicts.ts';

/** Within an API, what needs reading comes first. */
const VERDICT_ORDER: ShownVerdict[] = ['broken', 'warned', 'known', 'held', 'not-run'];
const SUMMARY_LABELS: Record<ShownVerdict, string> = { held: 'held', broken: 'broken', warned: 'warned', known: 'known', 'not-run': 'not run' };

function matrixRow(row: RequirementReport): Html {
  const verdict = shownVerdict(row);
  const name = row.verdict === 'broken' ? html`<a href="#${anchorOf(row.id)}"><code>${row.id}</code></a>` : html`<code>${row.id}</code>`;
  const reason = row.notRunReason ? html`<div class="muted">${row.notRunReason}</div>` : '';
  return html`<tr data-api="${row.api}" data-verdict="${verdict}"><td>${name}</td><td class="tag">${row.level}</td><td class="tag">${row.kind}</td><td>${row.section}</td><td class="quote">${row.quote}</td><td>${verdictBadge(verdict)}${reason}</td><td class="num">${row.positiveCases}</td><td class="num">${row.negativeCases}</td><td class="num">${row.failedCases}</td><td>${row.statusOnBreak.join(', ')}</td></tr>`;
}

/** Broken first, then warned, held, not run; Array.prototype.sort is stable, so the specs' order holds within a verdict. */
function byVerdict(rows: RequirementReport[]): RequirementReport[] {
  return [...rows].sort((a, b) => VERDICT_ORDER.indexOf(shownVerdict(a)) - VERDICT_ORDER.indexOf(shownVerdict(b)));
}

function byApi(rows: RequirementReport[]): Map<string, RequirementReport[]> {
  const groups = new Map<string, RequirementReport[]>();
  for (const row of rows) groups.set(row.api, [...(groups.get(row.api) ?? []), row]);
  return groups;
}

function groupSummary(api: string, rows: RequirementReport[]): Html {
  // "known" exists only with a --baseline: no "0 known" in a run without one.
  const shown = VERDICT_ORDER.filter((verdict) => verdict !== 'known' || rows.some((row) => shownVerdict(row) === 'known'));
  const counts = shown.map((verdict) => {
    const count = rows.filter((row) => shownVerdict(row) === verdict).length;
    return html`<span class="count ${count ? verdict : ''}">${count} ${SUMMARY_LABELS[verdict]}</span>`;
  });
  return html`<summary><code>${api}</code> <span class="muted">${rows.length} requirements:</span> ${counts}</summary>`;
}

/** One API's requirements, closed until opened: a whole run's matrix is hundreds of rows. */
function matrixGroup(api: string, rows: RequirementReport[]): Html {
  return html`<details class="group matrix-group" data-api="${api}">${groupSummary(api, rows)}<table class="matrix"><thead><tr><th>Requirement</th><th>Level</th><th>Kind</th><th>Section</th><th>The document says</th><th>Verdict</th><th class="num">Valid cases</th><th class="num">Invalid cases</th><th class="num">Failed</th><th>Status when broken</th></tr></thead>
<tbody>${byVerdict(rows).map(matrixRow)}</tbody></table></details>`;
}

/** Every requirement of every API, grouped by API: id, level, the document's sentence, verdict and how many cases tried it. */
export function requirementsMatrix(rows: RequirementReport[]): Html {
  return html`${[...byApi(rows)].map(([api, group]) => matrixGroup(api, group))}`;
}
