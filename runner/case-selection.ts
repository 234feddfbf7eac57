import type { PlannedCase } from '../engine/run/run-model.ts';
import { LEFT_BY_FILTER, LEFT_BY_MAX_CREATES, LEFT_BY_NEGATIVE_ONLY, LEFT_BY_REPLAY, LEFT_BY_SHARD } from '../engine/run/not-sent-reasons.ts';
import { requirementFilter, type RequirementFilter } from './requirement-filter.ts';

/** Which of the planned cases a run sends: its shard, and the live-endpoint safety limits. */
export interface CaseSelection {
  /** 1-based shard of `count`: a deterministic 1/count of each API's plan, by position. */
  shard?: { index: number; count: number };
  /** Only requests a conforming target must refuse, and none that needs a resource created first. */
  negativeOnly?: boolean;
  /** At most this many requests that should create a resource, per API (setup creations count). */
  maxCreates?: number;
  /** --include: only the cases of these requirements (ids or globs). */
  include?: string[];
  /** --exclude: none of the cases of these requirements (ids or globs). */
  exclude?: string[];
  /** `conformance replay`: only these case ids. */
  cases?: string[];
}

/** What the selection left out so far, by why (never silently dropped). */
export interface LeftOut {
  counts: Record<string, number>;
  /** Requirements whose every case seen so far was left out, with why. */
  requirements(): Map<string, string>;
}

export interface SelectedCases {
  /** Taken lazily, in plan order; can be taken once. */
  cases: AsyncIterable<PlannedCase>;
  left: LeftOut;
}

/** How many resources a conforming target creates while running this case. */
export function creationsOf(testCase: PlannedCase): number {
  return (testCase.setup?.length ?? 0) + (testCase.polarity === 'positive' ? 1 : 0);
}

function whyLeftOut(
  testCase: PlannedCase,
  position: number,
  selection: CaseSelection,
  creates: { sent: number },
  selected: RequirementFilter,
  replayed: Set<string> | undefined,
): string | undefined {
  if (replayed && !replayed.has(testCase.id)) return LEFT_BY_REPLAY;
  if (!selected(testCase.requirementId)) return LEFT_BY_FILTER;
  if (selection.shard && position % selection.shard.count !== selection.shard.index - 1) return LEFT_BY_SHARD;
  const creations = creationsOf(testCase);
  if (selection.negativeOnly && creations > 0) return LEFT_BY_NEGATIVE_ONLY;
  if (selection.maxCreates !== undefined && creations > 0) {
    if (creates.sent + creations > selection.maxCreates) return LEFT_BY_MAX_CREATES;
    creates.sent += creations;
  }
  return undefined;
}

/** Selects from one API's plan as it is taken, counting what it leaves out. */
export function selectCases(planned: AsyncIterable<PlannedCase>, selection: CaseSelection): SelectedCases {
  const counts: Record<string, number> = {};
  const sentFor = new Set<string>();
  const leftFor = new Map<string, Set<string>>();
  const creates = { sent: 0 };
  const selected = requirementFilter(selection);
  const replayed = selection.cases ? new Set(selection.cases) : undefined;
  async function* cases(): AsyncGenerator<PlannedCase> {
    let position = 0;
    for await (const testCase of planned) {
      const why = whyLeftOut(testCase, position++, selection, creates, selected, replayed);
      if (why === undefined) {
        sentFor.add(testCase.requirementId);
        yield testCase;
        continue;
      }
      counts[why] = (counts[why] ?? 0) + 1;
      leftFor.set(testCase.requirementId, (leftFor.get(testCase.requirementId) ?? new Set()).add(why));
    }
  }
  const requirements = () =>
    new Map([...leftFor].filter(([id]) => !sentFor.has(id)).map(([id, whys]) => [id, `its cases were not sent: ${[...whys].join(', ')}`]));
  return { cases: cases(), left: { counts, requirements } };
}
