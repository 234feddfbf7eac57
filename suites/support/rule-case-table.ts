import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../engine/api-catalogue.ts';
import type { RequestDocument } from '../../engine/request-document.ts';
import type { WorldData } from '../../engine/world-from-data.ts';
import type { Verdict } from '../../engine/rule-evaluator.ts';
import { parsePointer } from '../../engine/json-pointer.ts';
import { readProjectYaml } from './read-yaml.ts';

/** A rule case table (suites/rule-cases/README.md). */
export interface RuleCaseTable {
  api: string;
  base: RequestDocument;
  world?: WorldData;
  groups: {
    requirement: string;
    tests: RuleCase[];
  }[];
}

export interface RuleCase {
  description: string;
  set?: Record<string, unknown>;
  unset?: string[];
  world?: WorldData;
  verdict: Verdict;
  alsoBreaks?: string[];
}

export function readRuleCaseTable(api: string): RuleCaseTable {
  return readProjectYaml<RuleCaseTable>(`suites/rule-cases/${api}.yaml`);
}

type Container = Record<string, unknown> | unknown[];

/**
 * `{$repeat: "é", count: 255}` in a case's `set` stands for the text repeated that many times,
 * so a table can say "255 characters" without spelling them out.
 */
export function expandValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandValue);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$repeat === 'string' && typeof record.count === 'number') return record.$repeat.repeat(record.count);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, expandValue(inner)]));
}

function setAt(root: Container, tokens: string[], value: unknown): void {
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

function unsetAt(root: Container, tokens: string[]): void {
  const parentTokens = tokens.slice(0, -1);
  const last = tokens[tokens.length - 1] ?? '';
  let node: unknown = root;
  for (const token of parentTokens) node = (node as Record<string, unknown> | undefined)?.[token];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[last];
}

/** The base request with the case's `set` and `unset` applied to a deep copy. */
export function requestOf(base: RequestDocument, testCase: RuleCase): RequestDocument {
  const request = structuredClone(base) as unknown as Container;
  for (const pointer of testCase.unset ?? []) unsetAt(request, parsePointer(pointer));
  for (const [pointer, value] of Object.entries(testCase.set ?? {})) setAt(request, parsePointer(pointer), value);
  return request as unknown as RequestDocument;
}

/** The world a case runs in: its own (with `$repeat` values expanded), else the table's. */
export function worldOfCase(table: Pick<RuleCaseTable, 'world'>, testCase: RuleCase): WorldData | undefined {
  return testCase.world === undefined ? table.world : (expandValue(testCase.world) as WorldData);
}

/** The groups of an API's violation case table (suites/violation-cases/<api>.yaml); none when it has no table. */
export function readViolationGroups(api: string): RuleCaseTable['groups'] {
  const file = `suites/violation-cases/${api}.yaml`;
  return existsSync(path.join(PROJECT_ROOT, file)) ? readProjectYaml<Pick<RuleCaseTable, 'groups'>>(file).groups : [];
}
