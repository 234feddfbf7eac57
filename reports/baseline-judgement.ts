import { baselineStatus, entryFor, type Baseline, type BaselineStatus } from './baseline.ts';
import type { BaselineSummary, RequirementReport } from './report-model.ts';

/** Whether a row fails the gate once its baseline entry is read. */
function failingUnder(row: RequirementReport, status: BaselineStatus, strict: boolean): boolean {
  if (status === 'expired') return true;
  if (status === 'known') return false;
  if (status === 'fixed') return strict;
  return row.failing;
}

/** Marks each row a baseline entry covers, and decides again whether it fails the gate. */
export function applyBaseline(rows: RequirementReport[], baseline: Baseline, targets: string[], today: Date): RequirementReport[] {
  return rows.map((row) => {
    const entry = entryFor(baseline, row.id, targets);
    if (!entry) return row;
    const status = baselineStatus(entry, row.verdict, today);
    const { requirement: _requirement, ...said } = entry;
    return { ...row, failing: failingUnder(row, status, baseline.strict), baseline: { status, ...said } };
  });
}

export function baselineSummary(baseline: Baseline, rows: RequirementReport[], apis: ReadonlySet<string>): BaselineSummary {
  const ids = (predicate: (row: RequirementReport) => boolean) => rows.filter(predicate).map((row) => row.id);
  const withStatus = (status: string) => ids((row) => row.baseline?.status === status);
  return {
    file: baseline.file,
    strict: baseline.strict,
    known: withStatus('known'),
    fixed: withStatus('fixed'),
    expired: withStatus('expired'),
    unproven: withStatus('unproven'),
    new: ids((row) => row.verdict === 'broken' && row.failing && !row.baseline),
    notApplicable: baseline.entries.filter((entry) => !apis.has(entry.requirement.split('/')[0] as string)).length,
  };
}
