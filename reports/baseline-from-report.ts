import type { BaselineEntry } from '../engine/run/baseline.ts';
import type { ReportModel, RequirementReport } from './report-model.ts';

export interface BaselineDefaults {
  /** Why each deviation is accepted; default: the run it was recorded from and what failed. */
  reason?: string;
  link?: string;
  /** YYYY-MM-DD */
  expires?: string;
  /** Default: the run's --label, when it had one (else the entries apply to any target). */
  target?: string;
}

function recordedReason(row: RequirementReport, model: ReportModel): string {
  const check = row.counterexamples[0]?.failedChecks.find((failed) => failed.requirementId === row.id) ?? row.counterexamples[0]?.failedChecks[0];
  const seen = check ? `: ${check.message}` : '';
  return `Broken when recorded (seed ${model.run.seeds.join(', ')}, ${model.run.finishedAt.slice(0, 10)})${seen}. Say why it is accepted, and link its bug.`;
}

/** A baseline that accepts what fails the run now: each failing requirement, one entry. */
export function baselineFromReport(model: ReportModel, defaults: BaselineDefaults = {}): { baselineVersion: 1; entries: BaselineEntry[] } {
  const target = defaults.target ?? model.run.label;
  const entries = model.requirements
    .filter((row) => row.verdict === 'broken' && row.failing)
    .map((row): BaselineEntry => ({
      requirement: row.id,
      ...(target ? { target } : {}),
      reason: defaults.reason ?? recordedReason(row, model),
      ...(defaults.link ? { link: defaults.link } : {}),
      ...(defaults.expires ? { expires: defaults.expires } : {}),
    }));
  return { baselineVersion: 1, entries };
}
