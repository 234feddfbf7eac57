import { baselineMark, type Baseline } from '../engine/run/baseline.ts';
import { failsUnderBaseline } from '../engine/run/verdicts.ts';
import type { BaselineSummary, RequirementReport } from './report-model.ts';

/** Marks each row a baseline entry covers, and decides again whether it fails the gate. */
export function applyBaseline(rows: RequirementReport[], baseline: Baseline, targets: string[], today: Date): RequirementReport[] {
  return rows.map((row) => {
    const mark = baselineMark(baseline, row.id, row.verdict, targets, today);
    if (!mark) return row;
    const { requirement: _requirement, ...said } = mark.entry;
    return { ...row, failing: failsUnderBaseline(row.failing, mark.status, baseline.strict), baseline: { status: mark.status, ...said } };
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
