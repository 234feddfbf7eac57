import type { RequirementReport } from './report-model.ts';

/** How soon a broken requirement needs reading: failing first, then the warnings, then the known deviations. */
function urgency(row: RequirementReport): number {
  if (row.failing) return 0;
  return row.baseline?.status === 'known' ? 2 : 1;
}

/** The broken requirements in the order every report shows them (the sort is stable: the specs' order within a rank). */
export function brokenInReadingOrder(requirements: RequirementReport[]): RequirementReport[] {
  return requirements.filter((row) => row.verdict === 'broken').sort((a, b) => urgency(a) - urgency(b));
}
