import { boundedMemo } from '../bounded-memo.ts';
import { childOf, formatPointer, isContainer, pointerTokens } from '../request/json-pointer.ts';

/** A node a rule path reached: its concrete pointer from the document root, and its value. */
export interface MatchedNode {
  pointer: string;
  tokens: string[];
  value: unknown;
}

/** A rule path's own tokens, parsed once per path (relative ones as if from the root). */
const ownTokens = boundedMemo(4096, (path) => pointerTokens(path.startsWith('/') ? path : `/${path}`));

/** The tokens of a path in a scope: shared when the path is absolute or the scope empty, so read only. */
function pathTokens(path: string, scope: readonly string[]): readonly string[] {
  const tokens = ownTokens(path);
  return scope.length && !path.startsWith('/') ? [...scope, ...tokens] : tokens;
}

/** Relative paths (no leading `/`) start at the node an `each` scope matched. */
export function absoluteTokens(path: string, scope: string[]): string[] {
  return [...pathTokens(path, scope)];
}

function childrenOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isContainer(value)) return Object.entries(value);
  return [];
}

function childValuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isContainer(value)) return Object.values(value);
  return [];
}

/** The value at tokens without `*`: undefined as soon as a step is absent. */
function valueAtTokens(root: unknown, tokens: readonly string[]): unknown {
  let value = root;
  for (const token of tokens) {
    value = childOf(value, token);
    if (value === undefined) return undefined;
  }
  return value;
}

/** Every existing node the path reaches; `*` fans out over array items and object values. */
export function matchNodes(root: unknown, path: string, scope: string[] = []): MatchedNode[] {
  return matchTokens(root, path, scope).map((node) => ({ ...node, pointer: formatPointer(node.tokens) }));
}

/** A node a rule path reached, with its tokens but not yet its pointer (a scope needs only the tokens). */
export interface MatchedTokens {
  tokens: string[];
  value: unknown;
}

/** The nodes matchNodes finds, with their tokens but not yet their pointers (a scope needs only the tokens). */
export function matchTokens(root: unknown, path: string, scope: string[] = []): MatchedTokens[] {
  const tokens = pathTokens(path, scope);
  if (!tokens.includes('*')) {
    const value = valueAtTokens(root, tokens);
    return value === undefined ? [] : [{ tokens: [...tokens], value }];
  }
  let frontier: MatchedTokens[] = [{ tokens: [], value: root }];
  for (const token of tokens) {
    const next: MatchedTokens[] = [];
    for (const node of frontier) {
      if (token === '*') {
        for (const [key, value] of childrenOf(node.value)) next.push({ tokens: [...node.tokens, key], value });
      } else {
        const value = childOf(node.value, token);
        if (value !== undefined) next.push({ tokens: [...node.tokens, token], value });
      }
    }
    frontier = next;
  }
  return frontier;
}

/** The values of the nodes matchNodes finds, in the same order, without their pointers. */
export function matchValues(root: unknown, path: string, scope: string[] = []): unknown[] {
  const tokens = pathTokens(path, scope);
  if (!tokens.includes('*')) {
    const value = valueAtTokens(root, tokens);
    return value === undefined ? [] : [value];
  }
  let frontier: unknown[] = [root];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const node of frontier) {
      if (token === '*') {
        for (const value of childValuesOf(node)) next.push(value);
      } else {
        const value = childOf(node, token);
        if (value !== undefined) next.push(value);
      }
    }
    frontier = next;
  }
  return frontier;
}

export function isPresent(root: unknown, path: string, scope: string[] = []): boolean {
  return matchValues(root, path, scope).length > 0;
}

/** The one node a non-wildcard path names, or undefined when absent (with `*`, the first node it matches). */
export function valueAt(root: unknown, path: string, scope: string[] = []): unknown {
  const tokens = pathTokens(path, scope);
  return tokens.includes('*') ? matchValues(root, path, scope)[0] : valueAtTokens(root, tokens);
}

/** Numbers compare as numbers; so does a numeric string (the documents send some numbers as strings). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(value)) return Number(value);
  return undefined;
}
