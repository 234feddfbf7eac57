import type { RequestDocument } from '../request/request-document.ts';
import { formatPointer } from '../request/json-pointer.ts';
import { absoluteTokens, matchNodes, valueAt } from './rule-paths.ts';

/**
 * The home of a stateful rule's key (mustExist, mustBeInState, uniqueWithin): where it is read
 * in a request, and when two keys name the same item. The rule evaluator, the world's lookup,
 * the planner's claims and the generators' repairs all read and compare keys through here, so
 * a key the evaluator finds is one the generators find too.
 */

/** The scopes a rule is checked in: each node its `each` matches, or the whole request. */
export function ruleScopes(rule: { each?: string }, request: RequestDocument): string[][] {
  return rule.each ? matchNodes(request, rule.each).map((node) => node.tokens) : [[]];
}

/** The values of a rule's key in one scope, or undefined when a part of it is absent. */
export function ruleKeyValues(rule: { key: string[] }, request: RequestDocument, scope: string[]): unknown[] | undefined {
  const values = rule.key.map((path) => valueAt(request, path, scope));
  return values.some((value) => value === undefined) ? undefined : values;
}

/** The concrete pointers of a rule's key in one scope (relative paths start at the scope's node). */
export function ruleKeyPointers(rule: { key: string[] }, scope: string[]): string[] {
  return rule.key.map((path) => formatPointer(absoluteTokens(path, scope)));
}

/** UUIDs match dashed or undashed, in any case (csapi:uuid allows both forms); 2 matches "2". */
export function normalizeKeyPart(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  const undashed = value.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(undashed) ? undashed : value;
}

/** A key as text, equal for two keys exactly when they name the same item (the world's index uses it). */
export function keyIdentity(key: unknown[]): string {
  return JSON.stringify(key.map(normalizeKeyPart));
}

/** Do two keys name the same item? Part by part, normalized (a UUID dashed or not, 2 and "2"). */
export function sameKey(a: unknown[], b: unknown[]): boolean {
  return keyIdentity(a) === keyIdentity(b);
}
