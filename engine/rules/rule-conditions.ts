import type { Condition } from '../spec/requirement-model.ts';
import { asNumber, matchValues } from './rule-paths.ts';

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function anyNode(root: unknown, path: string, scope: string[], test: (value: unknown) => boolean): boolean {
  return matchValues(root, path, scope).some(test);
}

/** Does the condition hold? A path with `*` holds when any node it matches satisfies it. */
export function conditionHolds(condition: Condition, root: unknown, scope: string[] = []): boolean {
  if ('anyOf' in condition) return condition.anyOf.some((inner) => conditionHolds(inner, root, scope));
  if ('allOf' in condition) return condition.allOf.every((inner) => conditionHolds(inner, root, scope));
  const { path } = condition;
  if ('present' in condition) return matchValues(root, path, scope).length > 0;
  if ('absent' in condition) return matchValues(root, path, scope).length === 0;
  if ('gt' in condition) {
    return anyNode(root, path, scope, (value) => {
      const number = asNumber(value);
      return number !== undefined && number > condition.gt;
    });
  }
  if ('equals' in condition) return anyNode(root, path, scope, (value) => sameValue(value, condition.equals));
  if ('in' in condition) return anyNode(root, path, scope, (value) => condition.in.some((option) => sameValue(value, option)));
  if ('matches' in condition) {
    const pattern = new RegExp(condition.matches, 'u');
    return anyNode(root, path, scope, (value) => typeof value === 'string' && pattern.test(value));
  }
  return anyNode(root, path, scope, (value) => !condition.notIn.some((option) => sameValue(value, option)));
}
