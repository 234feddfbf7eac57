import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../engine/project-files.ts';
import { API_NAMES } from '../../apis/catalogue.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { WorldData } from '../../engine/world/world-from-data.ts';
import type { RuleOutcome } from '../../engine/rules/rule-evaluator.ts';
import { expandValue, withEdits } from '../../engine/request/request-edits.ts';
import { readProjectYaml } from './read-yaml.ts';
import { createAjv } from '../../engine/schema/ajv-instance.ts';
import caseTableSchema from '../../apis/rule-cases.schema.json' with { type: 'json' };

/** apis/rule-cases.schema.json with the registered APIs' names as the enum of `api`. */
function registeredCaseTableSchema(): object {
  const schema = structuredClone(caseTableSchema);
  Object.assign(schema.properties.api, { enum: [...API_NAMES] });
  return schema;
}

const validateCaseTable = createAjv().compile(registeredCaseTableSchema());

/** The problems of a parsed case table against apis/rule-cases.schema.json, each with where it is; empty when it conforms. */
export function caseTableProblems(table: unknown): string[] {
  if (validateCaseTable(table)) return [];
  return (validateCaseTable.errors ?? []).map((error) => `${error.instancePath || 'the table'} ${error.message ?? 'is invalid'}`);
}

/** A case table file read and checked against its schema: a typo in a table fails loudly, naming the file and the place. */
export function readCheckedTable<T>(file: string): T {
  const table = readProjectYaml<unknown>(file);
  const problems = caseTableProblems(table);
  if (problems.length) throw new Error(`${file} is not a valid case table (apis/rule-cases.schema.json):\n  ${problems.join('\n  ')}`);
  return table as T;
}

/** A rule case table (docs/rule-cases.md). */
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
  verdict: RuleOutcome;
  alsoBreaks?: string[];
}

export function readRuleCaseTable(api: string): RuleCaseTable {
  return readCheckedTable<RuleCaseTable>(`apis/${api}/rule-cases.yaml`);
}

/** The base request with the case's `set` and `unset` applied to a deep copy. */
export function requestOf(base: RequestDocument, testCase: RuleCase): RequestDocument {
  return withEdits(base, testCase);
}

/** The world a case runs in: its own (with `$repeat` values expanded), else the table's. */
export function worldOfCase(table: Pick<RuleCaseTable, 'world'>, testCase: RuleCase): WorldData | undefined {
  return testCase.world === undefined ? table.world : (expandValue(testCase.world) as WorldData);
}

/** The groups of an API's violation case table (apis/<api>/violation-cases.yaml); none when it has no table. */
export function readViolationGroups(api: string): RuleCaseTable['groups'] {
  const file = `apis/${api}/violation-cases.yaml`;
  return existsSync(path.join(PROJECT_ROOT, file)) ? readCheckedTable<Pick<RuleCaseTable, 'groups'>>(file).groups : [];
}
