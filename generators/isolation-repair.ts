import type { Requirement, Rule } from '../engine/spec/requirement-model.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { RequestJudgement } from '../engine/rules/reasonable-readings.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { absoluteTokens, asNumber, valueAt } from '../engine/rules/rule-paths.ts';
import { ruleScopes } from '../engine/rules/rule-keys.ts';
import { formatPointer } from '../engine/request/json-pointer.ts';
import type { Judge } from './case-oracle.ts';
import { validValueAt, type MutationContext } from './schema-mutations.ts';

/**
 * A negative case proves something only when it breaks its requirement alone: a server that
 * refuses min_count 11 with max_count 1 may be checking min_count <= max_count, not the quota.
 * When a candidate also breaks other rules, this repairs them without touching what the
 * candidate changed (a bound moved, a required field filled in), and the judge decides again.
 * What cannot be repaired is returned with the requirements it still breaks: a joint negative.
 */

/**
 * A repair must not ask for more resources (max_count raised to 2): a target that wrongly
 * accepts the negative would create several, of which the run learns one id and can delete one.
 */
function asksForMore(context: MutationContext, path: string, request: RequestDocument, value: number): boolean {
  const counts = context.spec.requirements.flatMap(({ rule }) => (rule?.kind === 'withinQuota' ? [rule.path] : []));
  return counts.includes(path) && value > (asNumber(valueAt(request, path)) ?? 1);
}

/** The request with one rule made to hold again at one node, touching only what the candidate left as the base had it. */
function repairAt(context: MutationContext, rule: Rule, request: RequestDocument, scope: string[]): RequestDocument | undefined {
  const absolute = (path: string) => formatPointer(absoluteTokens(path, scope));
  const touched = (path: string) => JSON.stringify(valueAt(context.base, path)) !== JSON.stringify(valueAt(request, path));
  if ((rule.kind === 'lessThan' || rule.kind === 'lessOrEqual') && typeof rule.left === 'string' && typeof rule.right === 'string') {
    const [left, right] = [absolute(rule.left), absolute(rule.right)];
    const [leftValue, rightValue] = [asNumber(valueAt(request, left)), asNumber(valueAt(request, right))];
    if (leftValue === undefined || rightValue === undefined) return undefined;
    const gap = rule.kind === 'lessThan' ? 1 : 0;
    const move = (path: string, value: number) => (asksForMore(context, path, request, value) ? undefined : withEdits(request, { set: { [path]: value } }));
    if (touched(left) && !touched(right)) return move(right, leftValue + gap);
    if (touched(right) && !touched(left)) return move(left, rightValue - gap);
    return undefined;
  }
  if (rule.kind === 'requiredWhen') {
    const required = absolute(rule.required);
    if (touched(required)) return undefined;
    const value = validValueAt({ ...context, base: request }, required);
    return value === undefined ? undefined : withEdits(request, { set: { [required]: value } });
  }
  return undefined;
}

/** One other broken rule repaired, at whichever of its nodes the repair helps, with the judgement of the repaired request. */
function repairRule(
  context: MutationContext,
  requirement: Requirement,
  request: RequestDocument,
  judge: Judge,
): { request: RequestDocument; judged: RequestJudgement } | undefined {
  const rule = requirement.rule;
  if (!rule) return undefined;
  for (const scope of ruleScopes(rule, request)) {
    const repaired = repairAt(context, rule, request, scope);
    const judged = repaired && judge(repaired);
    if (repaired && judged && !judged.broken.includes(requirement.id)) return { request: repaired, judged };
  }
  return undefined;
}

/**
 * The candidate (judged as `judged`) with every other rule it breaks repaired, when each can be
 * without touching what the candidate changed; else, with as much repaired as could be, the
 * requirements still broken beside its own (the breach is not separable from them: a joint
 * negative). Returns the final request with its judgement.
 */
export function isolated(
  context: MutationContext,
  spec: LoadedSpec,
  requirementId: string,
  request: RequestDocument,
  judged: RequestJudgement,
  judge: Judge,
): { request: RequestDocument; judged: RequestJudgement; inseparableFrom?: string[] } {
  let current = { request, judged };
  for (let round = 0; round < 4; round += 1) {
    const others = current.judged.broken.filter((id) => id !== requirementId);
    if (others.length === 0) return current;
    const other = requirementById(spec, others[0] as string);
    const repaired = other ? repairRule(context, other, current.request, judge) : undefined;
    if (!repaired) return { ...current, inseparableFrom: others };
    current = repaired;
  }
  const left = current.judged.broken.filter((id) => id !== requirementId);
  return left.length ? { ...current, inseparableFrom: left } : current;
}
