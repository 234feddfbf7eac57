import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { planApi } from '../generators/case-planner.ts';
import { coverageOf, oneWayReason, type Coverage } from '../reports/requirement-coverage.ts';

/** How `specs --json` plans to tell what a default run sends: the embedded mock's fixtures, a fixed seed. */
export const COVERAGE_PLAN = { config: 'the embedded mock’s defaults', seed: 1, runs: 50 } as const;

export interface PlannedCoverage {
  plannedWith: typeof COVERAGE_PLAN;
  /** Requirements on the request (those on the answer are judged on every answer). */
  requestSide: number;
  bothWays: number;
  /** The others: which way they are sent, and why not both. */
  notBothWays: { id: string; sent: Coverage; negatives: number; positives: number; reason: string }[];
}

/** What a default run plans for each requirement on the request: a negative breaking it alone, a valid case putting it to the test. */
export function plannedCoverage(spec: LoadedSpec): PlannedCoverage {
  const plan = planApi(spec, DEFAULT_CONFIG, { seed: COVERAGE_PLAN.seed, runs: COVERAGE_PLAN.runs });
  const negatives = new Map<string, number>();
  const positives = new Map<string, number>();
  const count = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
  for (const testCase of plan.cases) {
    if (testCase.polarity === 'negative') {
      if (!testCase.jointWith) count(negatives, testCase.requirementId);
    } else for (const id of [testCase.requirementId, ...(testCase.exercises ?? [])]) count(positives, id);
  }
  const reasons = new Map(plan.notRunnable.map((item) => [item.requirementId, item.reason]));
  const rows = spec.requirements.map((requirement) => {
    const sent = { breaking: negatives.get(requirement.id) ?? 0, positive: positives.get(requirement.id) ?? 0 };
    return { id: requirement.id, sent: coverageOf(requirement, sent), negatives: sent.breaking, positives: sent.positive, reason: '' };
  });
  const requestSide = rows.filter((row) => row.sent !== 'on the answers');
  const notBothWays = requestSide.filter((row) => row.sent !== 'both ways').map((row) => ({ ...row, reason: oneWayReason(row.sent, reasons.get(row.id)) }));
  return { plannedWith: COVERAGE_PLAN, requestSide: requestSide.length, bothWays: requestSide.length - notBothWays.length, notBothWays };
}
