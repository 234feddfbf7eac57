import type { Requirement, Rule } from '../engine/requirement-model.ts';
import { requirementById, type LoadedSpec } from '../engine/spec-loader.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import { withEdits } from '../engine/request-edits.ts';
import { asNumber, matchNodes, valueAt } from '../engine/rule-paths.ts';
import { formatPointer, parsePointer } from '../engine/json-pointer.ts';
import type { Judge } from './case-oracle.ts';
import { validValueAt, type MutationContext } from './schema-mutations.ts';

/**
 * A negative case proves something only when it breaks its requirement alone: a server that
 * refuses min_count 11 with max_count 1 may be checking min_count <= max_count, not the quota.
 * When a candidate also breaks other rules, this repairs them without touching what the
 * candidate changed (max_count raised to min_count, a required field filled in), and the judge
 * decides again. What cannot be repaired is left to the planner to discard, with why.
 */

/** The request pointers a rule reads at one node (its scope), relative paths made absolute. */
function operandPaths(rule: Rule, scope: string[]): string[] {
  const absolute = (path: string) => (path.startsWith('/') ? path : formatPointer([...scope, ...parsePointer(`/${path}`)]));
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return [rule.left, rule.right].filter((operand): operand is string => typeof operand === 'string').map(absolute);
    case 'requiredWhen':
      return [absolute(rule.required)];
    default:
      return [];
  }
}

/**
 * A repair must not ask for more resources (max_count raised to 2): a target that wrongly
 * accepts the negative would create several, of which the run learns one id and can delete one.
 */
function asksForMore(context: MutationContext, path: string, request: RequestDocument, value: number): boolean {
  const counts = context.spec.requirements.flatMap(({ rule }) => (rule?.kind === 'withinQuota' ? [rule.path] : []));
  return counts.includes(path) && value > (asNumber(valueAt(request, path)) ?? 1);
}

function changed(base: RequestDocument, candidate: RequestDocument, path: string): boolean {
  return JSON.stringify(valueAt(base, path)) !== JSON.stringify(valueAt(candidate, path));
}

/** Edits that make one rule hold again at one node, touching only what the candidate left as the base had it. */
function repairAt(context: MutationContext, rule: Rule, request: RequestDocument, scope: string[]): RequestDocument | undefined {
  const touched = (path: string) => changed(context.base, request, path);
  const absolute = (path: string) => (path.startsWith('/') ? path : formatPointer([...scope, ...parsePointer(`/${path}`)]));
  if ((rule.kind === 'lessThan' || rule.kind === 'lessOrEqual') && typeof rule.left === 'string' && typeof rule.right === 'string') {
    const [left, right] = [absolute(rule.left), absolute(rule.right)];
    const [leftValue, rightValue] = [asNumber(valueAt(request, left)), asNumber(valueAt(request, right))];
    if (leftValue === undefined || rightValue === undefined) return undefined;
    const gap = rule.kind === 'lessThan' ? 1 : 0;
    const raise = (path: string, value: number) => (asksForMore(context, path, request, value) ? undefined : withEdits(request, { set: { [path]: value } }));
    if (touched(left) && !touched(right)) return raise(right, leftValue + gap);
    if (touched(right) && !touched(left)) return raise(left, rightValue - gap);
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

function scopesOf(rule: Rule, request: RequestDocument): string[][] {
  return rule.each ? matchNodes(request, rule.each).map((node) => node.tokens) : [[]];
}

/** One other broken rule repaired, at whichever of its nodes the repair helps. */
function repairRule(context: MutationContext, requirement: Requirement, request: RequestDocument, judge: Judge): RequestDocument | undefined {
  const rule = requirement.rule;
  if (!rule) return undefined;
  for (const scope of scopesOf(rule, request)) {
    if (operandPaths(rule, scope).length === 0) continue;
    const repaired = repairAt(context, rule, request, scope);
    if (repaired && !judge(repaired).broken.includes(requirement.id)) return repaired;
  }
  return undefined;
}

/**
 * The candidate with every other rule it breaks repaired, when each can be without touching
 * what the candidate changed; else, with as much repaired as could be, the requirements still
 * broken beside its own (the breach is not separable from them: a joint negative).
 */
export function isolated(context: MutationContext, spec: LoadedSpec, requirementId: string, request: RequestDocument, judge: Judge): { request: RequestDocument; inseparableFrom?: string[] } {
  let current = request;
  for (let round = 0; round < 4; round += 1) {
    const others = judge(current).broken.filter((id) => id !== requirementId);
    if (others.length === 0) return { request: current };
    const other = requirementById(spec, others[0] as string);
    const repaired = other ? repairRule(context, other, current, judge) : undefined;
    if (!repaired) return { request: current, inseparableFrom: others };
    current = repaired;
  }
  const left = judge(current).broken.filter((id) => id !== requirementId);
  return left.length ? { request: current, inseparableFrom: left } : { request: current };
}
