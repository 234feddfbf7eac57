import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { type ApiName } from '../engine/api-name.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { parseClaim } from '../engine/schema/schema-claims.ts';
import { isRequestLocation } from '../engine/schema/schema-locations.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import { readCheckedTable, readRuleCaseTable, requestOf, worldOfCase, type RuleCase, type RuleCaseTable } from './support/rule-case-table.ts';
import { requestFailureDetails } from '../engine/rules/request-failures.ts';

// Violation case tables (docs/rule-cases.md, "Violation case tables"): per request-side
// schema requirement, requests that break exactly it (`broken`) and the boundary just inside
// (`held`: the whole request valid). Each request is checked against everything it can fail:
// the body schema, every parameter schema, and every request rule. A case's `world` replaces
// the rule table's (as in the rule tables); `{$repeat: …}` may stand in it too, so that a world
// can hold, say, the 255-character flavor id a case sends and only the schema speaks.

/** A violation case table: the rule case format without `base` and `world` (those of the rule table). */
interface ViolationCaseTable {
  api: string;
  groups: { requirement: string; tests: RuleCase[] }[];
}

const violationTableFile = (api: ApiName): string => `apis/${api}/violation-cases.yaml`;

// Load everything before collecting tests, so each case is its own named test; a spec or table
// that fails to load fails its own API's tests only.
const loaded = await Promise.all(
  API_NAMES.map(async (api) => {
    const file = violationTableFile(api);
    if (!existsSync(path.join(PROJECT_ROOT, file))) return { api, missing: true as const };
    try {
      const spec = await loadSpec(api);
      const rules = readRuleCaseTable(api);
      const violations = readCheckedTable<ViolationCaseTable>(file);
      return { api, missing: false as const, spec, rules, violations, error: undefined };
    } catch (error) {
      return { api, missing: false as const, spec: undefined, rules: undefined, violations: undefined, error: error as Error };
    }
  }),
);

for (const entry of loaded) {
  if (entry.missing) it.skip(`${entry.api} violations: no table yet (${violationTableFile(entry.api)})`, () => {});
  else if (entry.error) {
    const { error } = entry;
    it(`${entry.api} violations: spec, rule case table and violation table load`, () => {
      throw error;
    });
  }
}

/** Requirements with a schema claim on the request body or a parameter, and not marked untestable. */
function requestSchemaRequirements(spec: LoadedSpec): Requirement[] {
  return spec.requirements.filter(
    (requirement) =>
      requirement.testable !== false && (requirement.schema ?? []).some((claim) => isRequestLocation(parseClaim(requirement.id, claim).location)),
  );
}

const failedIds = (failures: { requirementId: string }[]): string[] => [...new Set(failures.map((failure) => failure.requirementId))].sort();

const usable = loaded.flatMap((entry) =>
  !entry.missing && entry.spec && entry.rules && entry.violations
    ? [{ api: entry.api, spec: entry.spec, rules: entry.rules, violations: entry.violations }]
    : [],
);

describe.each(usable)('$api violations', ({ spec, rules, violations }: { spec: LoadedSpec; rules: RuleCaseTable; violations: ViolationCaseTable }) => {
  const requestSchemaIds = new Set(requestSchemaRequirements(spec).map((requirement) => requirement.id));

  it('names its API', () => {
    expect(violations.api).toBe(spec.api);
  });

  it("has a base request (the rule case table's) that fails nothing", () => {
    expect(requestFailureDetails(spec, rules.base, rules.world)).toEqual([]);
  });

  it('has, for every request-side schema requirement, a group with a broken case', () => {
    const uncovered = [...requestSchemaIds].filter(
      (id) => !violations.groups.some((group) => group.requirement === id && group.tests.some((t) => t.verdict === 'broken')),
    );
    expect(uncovered).toEqual([]);
  });

  const cases = violations.groups.flatMap((group) => group.tests.map((testCase) => ({ id: group.requirement, testCase })));
  it.each(cases)('$id: $testCase.description', ({ id, testCase }) => {
    expect(requestSchemaIds.has(id), `${id} is a request-side schema requirement of the spec`).toBe(true);
    expect(['held', 'broken'], 'a violation case is held or broken').toContain(testCase.verdict);
    const request = requestOf(rules.base, testCase);
    const data = worldOfCase(rules, testCase);
    const failures = requestFailureDetails(spec, request, data);
    const expected = testCase.verdict === 'broken' ? [...new Set([id, ...(testCase.alsoBreaks ?? [])])].sort() : [];
    const detail = failures.map((failure) => `${failure.requirementId}: ${failure.detail}`).join('\n') || '(nothing fails)';
    expect(failedIds(failures), detail).toEqual(expected);
  });
});
