import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { formatPointer, isContainer, parsePointer, resolvePointer } from '../engine/request/json-pointer.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { requirementById } from '../engine/spec/spec-loader.ts';
import { createJudge, flawsOf, type Judge } from './case-oracle.ts';
import { repairReferences } from './reference-repair.ts';
import { plainValuesAt } from './schema-mutations.ts';
import { pointersReadBy } from './rule-read-paths.ts';
import type { RuleMutationContext } from './rule-candidate.ts';

/**
 * A candidate edited to name an item (a port, a volume) may disturb rules besides the one it
 * tests: a volume needs its destination_type, a blank source no uuid. Settling gives the members
 * those rules read plain valid values (or leaves them out) until nothing else is broken,
 * ambiguous or undecided; shrinking then leaves out what the candidate does not need. `target`
 * is the requirement a negative must keep breaking; a positive has none.
 */
interface Score {
  ok: boolean;
  flaws: string[];
}

const judges = new WeakMap<WorldData, Judge>();

function judgeOf(context: RuleMutationContext): Judge {
  let judge = judges.get(context.world);
  if (!judge) {
    judge = createJudge(context.spec, context.world);
    judges.set(context.world, judge);
  }
  return judge;
}

function assess(context: RuleMutationContext, request: RequestDocument, target: string | undefined): Score {
  const judged = judgeOf(context)(request);
  return { ok: target === undefined || judged.broken.includes(target), flaws: flawsOf(judged).filter((id) => id !== target) };
}

const ABSENT = Symbol('absent');

/** Left out, or one of the plainest valid values, each with its references repaired (a zone the target has). */
function optionsAt(context: RuleMutationContext, request: RequestDocument, pointer: string): (unknown | typeof ABSENT)[] {
  const values = plainValuesAt(context, pointer).map((value) =>
    valueAt(repairReferences(context.spec.requirements, withEdits(request, { set: { [pointer]: value } }), context.world), pointer),
  );
  return [ABSENT, ...values];
}

function withOption(request: RequestDocument, pointer: string, option: unknown): RequestDocument {
  return option === ABSENT ? withEdits(request, { unset: [pointer] }) : withEdits(request, { set: { [pointer]: option } });
}

function improvedOnce(
  context: RuleMutationContext,
  request: RequestDocument,
  score: Score,
  target: string | undefined,
  fixed: string[],
): { request: RequestDocument; score: Score } | undefined {
  for (const id of score.flaws) {
    const rule = requirementById(context.spec, id)?.rule;
    if (!rule) continue;
    for (const pointer of pointersReadBy(rule, request).filter((candidate) => !fixed.includes(candidate))) {
      for (const option of optionsAt(context, request, pointer)) {
        const tried = withOption(request, pointer, option);
        const triedScore = assess(context, tried, target);
        if (triedScore.ok && triedScore.flaws.length < score.flaws.length) return { request: tried, score: triedScore };
      }
    }
  }
  return undefined;
}

/** The request with the members the disturbed rules read settled; `fixed` pointers (what the candidate is about) are never touched. */
export function settled(context: RuleMutationContext, request: RequestDocument, target: string | undefined, fixed: string[]): RequestDocument {
  let current = { request, score: assess(context, request, target) };
  for (let pass = 0; pass < 4 && current.score.flaws.length > 0; pass += 1) {
    const next = improvedOnce(context, current.request, current.score, target, fixed);
    if (!next) break;
    current = next;
  }
  return current.request;
}

/** The object at `pointer` without each member it can do without (the candidate stays as good), `fixed` ones kept. */
export function shrunk(context: RuleMutationContext, request: RequestDocument, pointer: string, target: string | undefined, fixed: string[]): RequestDocument {
  const object = resolvePointer(request, pointer);
  if (!isContainer(object) || Array.isArray(object)) return request;
  let current = { request, score: assess(context, request, target) };
  for (const member of Object.keys(object).map((key) => formatPointer([...parsePointer(pointer), key]))) {
    if (fixed.includes(member)) continue;
    const tried = withEdits(current.request, { unset: [member] });
    const score = assess(context, tried, target);
    if (score.ok && score.flaws.length <= current.score.flaws.length) current = { request: tried, score };
  }
  return current.request;
}
