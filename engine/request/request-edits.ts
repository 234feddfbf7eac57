import type { RequestDocument } from './request-document.ts';
import { pointerTokens } from './json-pointer.ts';

type Container = Record<string, unknown> | unknown[];

/** Edits of a request document by JSON pointer: what case tables and generators both apply. */
export interface RequestEdits {
  set?: Record<string, unknown>;
  unset?: string[];
}

/**
 * `{$repeat: "é", count: 255}` stands for the text repeated that many times, so data can say
 * "255 characters" without spelling them out.
 */
export function expandValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandValue);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$repeat === 'string' && typeof record.count === 'number') return record.$repeat.repeat(record.count);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, expandValue(inner)]));
}

/** Sets a value, creating missing objects (or arrays, before a numeric token) on the way. */
export function setAt(root: Container, tokens: readonly string[], value: unknown): void {
  let node: Container = root;
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const key = Array.isArray(node) ? Number(token) : token;
    const holder = node as Record<string | number, unknown>;
    if (last) {
      holder[key] = expandValue(value);
      return;
    }
    const next = holder[key];
    if (typeof next !== 'object' || next === null) holder[key] = /^[0-9]+$/.test(tokens[index + 1] ?? '') ? [] : {};
    node = holder[key] as Container;
  });
}

export function unsetAt(root: Container, tokens: readonly string[]): void {
  const last = tokens[tokens.length - 1] ?? '';
  let node: unknown = root;
  // The parent's tokens walked in place: a slice of the (shared, frozen) tokens per edit showed in profiles.
  for (let index = 0; index < tokens.length - 1; index += 1) node = (node as Record<string, unknown> | undefined)?.[tokens[index] as string];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[last];
}

/** Own data properties of a copy: `__proto__` too is a member there, not the copy's prototype. */
function setMember(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  else copy[key] = value;
}

/**
 * A deep copy as structuredClone makes it of the JSON data a request holds (plain objects,
 * arrays, scalars; a value held twice is copied once and held twice), several times faster;
 * anything else (a Date, a function) is left to structuredClone itself.
 */
function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) && prototype === Array.prototype) {
    const copy: unknown[] = new Array<unknown>(value.length);
    copies.set(value, copy);
    for (let index = 0; index < value.length; index += 1) if (index in value) copy[index] = copyOf(value[index], copies);
    return copy;
  }
  if (prototype !== Object.prototype && prototype !== null) {
    const copy: unknown = structuredClone(value);
    copies.set(value, copy);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const key of Object.keys(value)) setMember(copy, key, copyOf((value as Record<string, unknown>)[key], copies));
  return copy;
}

/** `unset` then `set` applied to the request itself: only for a request of one's own (a copy just made), which no one else holds. */
export function applyEditsInPlace(request: RequestDocument, edits: RequestEdits): RequestDocument {
  const root = request as unknown as Container;
  for (const pointer of edits.unset ?? []) unsetAt(root, pointerTokens(pointer));
  for (const [pointer, value] of Object.entries(edits.set ?? {})) setAt(root, pointerTokens(pointer), value);
  return request;
}

/** A deep copy of the request with `unset` then `set` applied. */
export function withEdits(base: RequestDocument, edits: RequestEdits): RequestDocument {
  return applyEditsInPlace(copyOf(base, new Map()) as RequestDocument, edits);
}
