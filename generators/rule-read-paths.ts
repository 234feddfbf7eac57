import type { Condition, Operand, Rule } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { ruleScopes } from '../engine/rules/rule-keys.ts';
import { absolute } from './rule-candidate.ts';

/** The paths a condition reads, in its every branch. */
export function conditionPaths(condition: Condition): string[] {
  if ('anyOf' in condition) return condition.anyOf.flatMap(conditionPaths);
  if ('allOf' in condition) return condition.allOf.flatMap(conditionPaths);
  return [condition.path];
}

/** The path an operand reads (a field, or the list it counts); none for a number. */
export function operandPaths(operand: Operand): string[] {
  if (typeof operand === 'string') return [operand];
  return 'count' in operand ? [operand.count] : [];
}

/** The paths a rule reads, as written (relative ones start at its `each` scope). */
export function pathsOf(rule: Rule): string[] {
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return [...operandPaths(rule.left), ...operandPaths(rule.right)];
    case 'mutuallyExclusive':
    case 'atLeastOneOf':
      return rule.paths;
    case 'requiredWhen':
      return [...conditionPaths(rule.when), rule.required];
    case 'forbiddenWhen':
      return [...conditionPaths(rule.when), ...conditionPaths(rule.forbidden)];
    case 'keysDeclaredIn':
    case 'valuesProvided':
      return [rule.path, rule.declarations.path];
    case 'mustExist':
    case 'uniqueWithin':
      return rule.key;
    case 'mustBeInState':
      return [...rule.key, ...(rule.sameAs ? [rule.sameAs] : [])];
    case 'withinQuota':
      return [rule.path, ...(rule.defaultFrom ? [rule.defaultFrom] : [])];
    case 'callerOwns':
    case 'parsesAs':
      return [rule.path];
    default:
      return [];
  }
}

/**
 * The concrete body pointers a rule reads in a request: in every scope its `each` matches, and
 * without a wildcard (a member the rule reads through `*` is not one a generator can pick).
 */
export function pointersReadBy(rule: Rule, request: RequestDocument): string[] {
  const pointers = ruleScopes(rule, request).flatMap((scope) => pathsOf(rule).map((path) => absolute(path, scope)));
  return [...new Set(pointers.filter((pointer) => pointer.startsWith('/body/') && !pointer.includes('*')))];
}

/** The paths a rule reads as patterns from the root (relative ones under its `each`, list items as `*`). */
export function patternsReadBy(rule: Rule): string[] {
  return pathsOf(rule).map((path) => (path.startsWith('/') ? path : `${rule.each ?? ''}/${path}`));
}
