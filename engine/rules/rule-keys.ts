import type { RequestDocument } from '../request/request-document.ts';
import { formatPointer } from '../request/json-pointer.ts';
import { boundedMemo } from '../bounded-memo.ts';
import { absoluteTokens, matchTokens, valueAt } from './rule-paths.ts';

/**
 * The home of a stateful rule's key (mustExist, mustBeInState, uniqueWithin): where it is read
 * in a request, and when two keys name the same item. The rule evaluator, the world's lookup,
 * the planner's claims and the generators' repairs all read and compare keys through here, so
 * a key the evaluator finds is one the generators find too.
 */

/** The scopes a rule is checked in: each node its `each` matches, or the whole request. */
export function ruleScopes(rule: { each?: string }, request: RequestDocument): string[][] {
  return rule.each ? matchTokens(request, rule.each).map((node) => node.tokens) : [[]];
}

/** The values of a rule's key in one scope, or undefined when a part of it is absent. */
export function ruleKeyValues(rule: { key: string[] }, request: RequestDocument, scope: string[]): unknown[] | undefined {
  const values = rule.key.map((path) => valueAt(request, path, scope));
  return values.some((value) => value === undefined) ? undefined : values;
}

/** A rule's key pointers outside any scope, worked out once per rule (a loaded spec is read-only). */
const unscopedPointers = new WeakMap<string[], string[]>();

/** The concrete pointers of a rule's key in one scope (relative paths start at the scope's node). */
export function ruleKeyPointers(rule: { key: string[] }, scope: string[]): string[] {
  if (scope.length > 0) return rule.key.map((path) => formatPointer(absoluteTokens(path, scope)));
  let pointers = unscopedPointers.get(rule.key);
  if (!pointers) {
    pointers = rule.key.map((path) => formatPointer(absoluteTokens(path, [])));
    unscopedPointers.set(rule.key, pointers);
  }
  return [...pointers];
}

/** Is the text 32 hexadecimal digits, in any case, with dashes anywhere (a UUID dashed or not)? One pass, no copy: it runs for every key looked up. */
function isDashedHex32(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2d) continue;
    const hex = (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
    if (!hex || ++digits > 32) return false;
  }
  return digits === 32;
}

/** UUIDs match dashed or undashed, in any case (csapi:uuid allows both forms); 2 matches "2". */
export function normalizeKeyPart(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  return isDashedHex32(value) ? value.replace(/-/g, '').toLowerCase() : value;
}

/**
 * A text or number part of a key as JSON text, normalized: the same few parts (the fixtures'
 * UUIDs) are looked up again and again, by every rule on them in every request judged.
 */
const partIdentity = boundedMemo<string, string | number>(4096, (part) => JSON.stringify(normalizeKeyPart(part)));

/** A key as text, equal for two keys exactly when they name the same item (the world's index uses it): the JSON text of its normalized parts. */
export function keyIdentity(key: unknown[]): string {
  let identity = '[';
  for (let index = 0; index < key.length; index += 1) {
    const part = key[index];
    // Any other part is written as JSON.stringify writes an array item (undefined as null).
    const text = typeof part === 'string' || typeof part === 'number' ? partIdentity(part) : JSON.stringify([normalizeKeyPart(part)]).slice(1, -1);
    identity += index === 0 ? text : `,${text}`;
  }
  return `${identity}]`;
}

/** Do two keys name the same item? Part by part, normalized (a UUID dashed or not, 2 and "2"). */
export function sameKey(a: unknown[], b: unknown[]): boolean {
  return keyIdentity(a) === keyIdentity(b);
}

/** The identities of the keys world items hold, each worked out once: an item's key is never changed in place (the world's index relies on that too). */
const heldIdentities = new WeakMap<unknown[], string>();

/** keyIdentity of a key a world item holds, for a scan of a collection. */
export function heldKeyIdentity(key: unknown[]): string {
  let identity = heldIdentities.get(key);
  if (identity === undefined) {
    identity = keyIdentity(key);
    heldIdentities.set(key, identity);
  }
  return identity;
}
