import { childOf, formatPointer, isContainer, parsePointer } from '../request/json-pointer.ts';

/** A node a rule path reached: its concrete pointer from the document root, and its value. */
export interface MatchedNode {
  pointer: string;
  tokens: string[];
  value: unknown;
}

/** Relative paths (no leading `/`) start at the node an `each` scope matched. */
export function absoluteTokens(path: string, scope: string[]): string[] {
  if (path.startsWith('/')) return parsePointer(path);
  return [...scope, ...parsePointer(`/${path}`)];
}

function childrenOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isContainer(value)) return Object.entries(value);
  return [];
}

/** Every existing node the path reaches; `*` fans out over array items and object values. */
export function matchNodes(root: unknown, path: string, scope: string[] = []): MatchedNode[] {
  let frontier: { tokens: string[]; value: unknown }[] = [{ tokens: [], value: root }];
  for (const token of absoluteTokens(path, scope)) {
    const next: { tokens: string[]; value: unknown }[] = [];
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
  return frontier.map((node) => ({ ...node, pointer: formatPointer(node.tokens) }));
}

export function isPresent(root: unknown, path: string, scope: string[] = []): boolean {
  return matchNodes(root, path, scope).length > 0;
}

/** The one node a non-wildcard path names, or undefined when absent. */
export function valueAt(root: unknown, path: string, scope: string[] = []): unknown {
  return matchNodes(root, path, scope)[0]?.value;
}

/** Numbers compare as numbers; so does a numeric string (the documents send some numbers as strings). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(value)) return Number(value);
  return undefined;
}
