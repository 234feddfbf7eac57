import type { ReportModel, RequirementReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { anchorOf } from './html-requirements.ts';

/** Only web links become anchors: a baseline is data from a file, and `javascript:` is a URI too. */
function linkTo(link: string | undefined): Html {
  if (!link) return html``;
  return /^https?:\/\//i.test(link) ? html` · <a href="${link}" rel="noreferrer noopener">${link}</a>` : html` · ${link}`;
}

function entryLine(row: RequirementReport, note: string): Html {
  const entry = row.baseline;
  if (!entry) return html``;
  const name = row.verdict === 'broken' ? html`<a href="#${anchorOf(row.id)}"><code>${row.id}</code></a>` : html`<code>${row.id}</code>`;
  const expires = entry.expires ? html` · expires ${entry.expires}` : '';
  const target = entry.target ? html` · for ${entry.target}` : '';
  return html`<li data-baseline="${entry.status}">${name}: ${note} <span class="muted">${entry.reason}${linkTo(entry.link)}${expires}${target}</span></li>`;
}

const GROUPS = [
  { status: 'expired', title: 'Expired entries (fail the gate: fix the target, or renew the entry)', note: 'its entry has expired' },
  { status: 'fixed', title: 'Fixed: remove from baseline', note: 'held' },
  { status: 'known', title: 'Known deviations (broken, as the baseline expects: they do not fail the gate)', note: 'broken, known' },
  { status: 'unproven', title: 'Baselined, not run (the run says nothing of them)', note: 'not run' },
] as const;

/** New, known, fixed and expired, apart: what the --baseline made of the verdicts. */
export function baselineSection(model: ReportModel): Html {
  const summary = model.run.baseline;
  if (!summary) return html``;
  const rows = model.requirements;
  const fresh = rows.filter((row) => summary.new.includes(row.id));
  const groups = GROUPS.map(({ status, title, note }) => {
    const mine = rows.filter((row) => row.baseline?.status === status);
    if (!mine.length) return html``;
    const fixedNote = status === 'fixed' ? (summary.strict ? 'held: fails with --strict-baseline until removed' : 'held: remove the entry') : note;
    return html`<h3>${title} (${mine.length})</h3><ul>${mine.map((row) => entryLine(row, fixedNote))}</ul>`;
  });
  const newList = fresh.length
    ? html`<h3>New (${fresh.length}): broken, and no entry covers them</h3><ul>${fresh.map((row) => html`<li><a href="#${anchorOf(row.id)}"><code>${row.id}</code></a></li>`)}</ul>`
    : html`<p>Nothing new broke.</p>`;
  const elsewhere = summary.notApplicable ? html`<p class="muted">${summary.notApplicable} entries are for APIs this run did not test.</p>` : '';
  return html`<section id="baseline"><h2>Baseline <span class="muted">${summary.file}</span></h2>${newList}${groups}${elsewhere}</section>`;
}
