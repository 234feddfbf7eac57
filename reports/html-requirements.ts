import type { RequirementReport } from './report-model.ts';
import type { ShownVerdict } from '../engine/run/verdicts.ts';
import { html, type Html } from './html-template.ts';
import { caseExampleDetails, caseExampleLine, caseTitle } from './html-case-example.ts';

/** A broken inferred requirement is a warning unless the run was --strict; one the --baseline expects broken is known. */
export function shownVerdict(row: RequirementReport): ShownVerdict {
  if (row.verdict !== 'broken') return row.verdict;
  if (row.baseline?.status === 'known') return 'known';
  return row.failing ? 'broken' : 'warned';
}

const VERDICT_LABELS: Record<ShownVerdict, string> = {
  held: 'held',
  broken: 'broken',
  warned: 'warned (inferred)',
  known: 'known (baseline)',
  'not-run': 'not run',
};

export function verdictBadge(verdict: ShownVerdict): Html {
  return html`<span class="badge ${verdict}">${VERDICT_LABELS[verdict]}</span>`;
}

export function anchorOf(requirementId: string): string {
  return `req-${requirementId}`;
}

function triedLine(row: RequirementReport): string {
  return `${row.failedCases} of ${row.positiveCases + row.negativeCases} cases failed (${row.positiveCases} valid, ${row.negativeCases} invalid requests tried it)`;
}

function otherFailures(row: RequirementReport): Html {
  const others = row.counterexamples.slice(1);
  if (!others.length && !row.moreFailures) return html``;
  const more = row.moreFailures ? html`<p class="muted">and ${row.moreFailures} more failing cases: the JSON results (--json) hold them all.</p>` : '';
  return html`<details><summary>${others.length + row.moreFailures} more failing cases</summary><ul>${others.map(caseExampleLine)}</ul>${more}</details>`;
}

/** Where the sentence comes from and how hard the run tried it, on one line. */
function citation(row: RequirementReport, document: string): Html {
  const onBreak = row.statusOnBreak.length ? html` · when broken the document gives ${row.statusOnBreak.join(' or ')}` : '';
  return html`<p class="cite">${document}, section “${row.section}” · ${row.level} · ${row.kind}${onBreak} · ${triedLine(row)}.</p>`;
}

/** A broken requirement: the document's sentence, then the smallest failing request, its answer and curl. */
export function brokenRequirement(row: RequirementReport, document: string): Html {
  const verdict = shownVerdict(row);
  const [counterexample] = row.counterexamples;
  return html`<article class="failure ${verdict}" id="${anchorOf(row.id)}" data-api="${row.api}" data-verdict="${verdict}">
<h3><span>${verdictBadge(verdict)} <code>${row.id}</code></span></h3>
<blockquote class="quote">${row.quote}</blockquote>
${citation(row, document)}
${counterexample ? html`<p class="case-id"><strong>Counterexample</strong>, the smallest failing request: ${caseTitle(counterexample)}</p>${caseExampleDetails(counterexample)}` : html`<p class="muted">No example was kept.</p>`}
${otherFailures(row)}
</article>`;
}
