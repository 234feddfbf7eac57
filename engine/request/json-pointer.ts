import { boundedMemo } from '../bounded-memo.ts';

/** RFC 6901 JSON pointers: parse, format, and resolve against a plain value. */

function tokensOfPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The tokens of a pointer, parsed once for the pointers read again and again (a rule's paths,
 * a schema's): shared and frozen, so read them only; parsePointer gives a copy of one's own.
 */
export const pointerTokens: (pointer: string) => readonly string[] = boundedMemo(4096, (pointer) => Object.freeze(tokensOfPointer(pointer)));

export function parsePointer(pointer: string): string[] {
  return [...pointerTokens(pointer)];
}

export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

export function childOf(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return /^(0|[1-9][0-9]*)$/.test(token) ? value[Number(token)] : undefined;
  if (isContainer(value) && Object.prototype.hasOwnProperty.call(value, token)) {
    return (value as Record<string, unknown>)[token];
  }
  return undefined;
}

export function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointerTokens(pointer)) node = childOf(node, token);
  return node;
}
