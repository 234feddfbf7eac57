import type { TestCase } from './run-model.ts';

/** Which of the planned cases a run sends: its shard, and the live-endpoint safety limits. */
export interface CaseSelection {
  /** 1-based shard of `count`: a deterministic 1/count of each API's plan, by position. */
  shard?: { index: number; count: number };
  /** Only requests a conforming target must refuse, and none that needs a resource created first. */
  negativeOnly?: boolean;
  /** At most this many requests that should create a resource, per API (setup creations count). */
  maxCreates?: number;
}

export interface SelectedCases {
  cases: TestCase[];
  /** Cases of the plan not sent, by why (never silently dropped). */
  left: Record<string, number>;
  /** Requirements whose every planned case was left out, with why. */
  leftOutRequirements: Map<string, string>;
}

export const LEFT_BY_SHARD = 'another shard';
export const LEFT_BY_NEGATIVE_ONLY = '--negative-only (it would create a resource)';
export const LEFT_BY_MAX_CREATES = '--max-creates reached';

/** How many resources a conforming target creates while running this case. */
export function creationsOf(testCase: TestCase): number {
  return (testCase.setup?.length ?? 0) + (testCase.polarity === 'positive' ? 1 : 0);
}

function whyLeftOut(testCase: TestCase, position: number, selection: CaseSelection, creates: { sent: number }): string | undefined {
  if (selection.shard && position % selection.shard.count !== selection.shard.index - 1) return LEFT_BY_SHARD;
  const creations = creationsOf(testCase);
  if (selection.negativeOnly && creations > 0) return LEFT_BY_NEGATIVE_ONLY;
  if (selection.maxCreates !== undefined && creations > 0) {
    if (creates.sent + creations > selection.maxCreates) return LEFT_BY_MAX_CREATES;
    creates.sent += creations;
  }
  return undefined;
}

/** Selects from one API's plan, in plan order. */
export function selectCases(planned: TestCase[], selection: CaseSelection): SelectedCases {
  const cases: TestCase[] = [];
  const left: Record<string, number> = {};
  const creates = { sent: 0 };
  const sentFor = new Set<string>();
  const leftFor = new Map<string, Set<string>>();
  planned.forEach((testCase, position) => {
    const why = whyLeftOut(testCase, position, selection, creates);
    if (why === undefined) {
      cases.push(testCase);
      sentFor.add(testCase.requirementId);
      return;
    }
    left[why] = (left[why] ?? 0) + 1;
    leftFor.set(testCase.requirementId, (leftFor.get(testCase.requirementId) ?? new Set()).add(why));
  });
  const leftOutRequirements = new Map(
    [...leftFor].filter(([id]) => !sentFor.has(id)).map(([id, whys]) => [id, `its cases were not sent: ${[...whys].join(', ')}`]),
  );
  return { cases, left, leftOutRequirements };
}
