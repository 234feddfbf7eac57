import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { evaluateRequestRules, evaluateRequirement } from '../engine/rules/rule-evaluator.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { RESPONSE_RULE_KINDS } from '../engine/spec/requirement-model.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { readRuleCaseTable, requestOf, type RuleCaseTable } from './support/rule-case-table.ts';
import { worldOf } from '../engine/world/world-of-spec.ts';

// Load every spec and table before collecting tests, so each case is its own named test.
// A spec or table that fails to load fails its own API's tests, not every API's.
const loaded = await Promise.all(
  API_NAMES.map(async (api) => {
    try {
      return { api, spec: await loadSpec(api), table: readRuleCaseTable(api), error: undefined };
    } catch (error) {
      return { api, spec: undefined, table: undefined, error: error as Error };
    }
  }),
);

for (const failed of loaded.filter((entry) => entry.error)) {
  it(`${failed.api} rules: spec and case table load`, () => {
    throw failed.error;
  });
}

function requestRuleIds(spec: LoadedSpec): string[] {
  return spec.requirements
    .filter((requirement) => requirement.rule && !RESPONSE_RULE_KINDS.includes(requirement.rule.kind))
    .map((requirement) => requirement.id);
}

function brokenRules(spec: LoadedSpec, request: RequestDocument, data: WorldData | undefined): string[] {
  return evaluateRequestRules(spec.requirements, request, worldOf(spec, data))
    .filter((verdict) => verdict.verdict === 'broken')
    .map((verdict) => verdict.requirementId);
}

function headerViolations(spec: LoadedSpec, request: RequestDocument): string[] {
  const validate = createSchemaValidator(spec);
  const parameters = (spec.operation.parameters ?? []) as { name: string; in: string }[];
  return parameters.flatMap((parameter) => {
    const value = parameter.in === 'header' ? request.header[parameter.name.toLowerCase()] : request.path[parameter.name];
    return value === undefined ? [] : validate(`parameter:${parameter.name}`, value).map((v) => v.message);
  });
}

const usable = loaded.flatMap(({ api, spec, table }) => (spec && table ? [{ api, spec, table }] : []));

describe.each(usable)('$api rules', ({ spec, table }: { spec: LoadedSpec; table: RuleCaseTable }) => {
  it('has a base request that is schema-valid and keeps every rule', () => {
    expect(table.api).toBe(spec.api);
    const body = createSchemaValidator(spec)('request-body', table.base.body).map((v) => `${v.requirementId}: ${v.message}`);
    expect({ body, parameters: headerViolations(spec, table.base), broken: brokenRules(spec, table.base, table.world) }).toEqual({
      body: [],
      parameters: [],
      broken: [],
    });
  });

  it('has, for every request rule, a group with a held and a broken case', () => {
    const uncovered = requestRuleIds(spec).filter((id) => {
      const tests = table.groups.filter((group) => group.requirement === id).flatMap((group) => group.tests);
      return !tests.some((t) => t.verdict === 'held') || !tests.some((t) => t.verdict === 'broken');
    });
    expect(uncovered).toEqual([]);
  });

  const cases = table.groups.flatMap((group) => group.tests.map((testCase) => ({ id: group.requirement, testCase })));
  it.each(cases)('$id: $testCase.description', ({ id, testCase }) => {
    const requirement = requirementById(spec, id);
    expect(requirement?.rule, `${id} is a rule of the spec`).toBeDefined();
    if (!requirement) return;
    const request = requestOf(table.base, testCase);
    const data = testCase.world ?? table.world;
    const verdict = evaluateRequirement(requirement, request, worldOf(spec, data));
    expect(verdict.verdict, verdict.detail).toBe(testCase.verdict);
    if (testCase.verdict === 'broken') {
      const others = brokenRules(spec, request, data)
        .filter((other) => other !== id)
        .sort();
      expect(others, 'a broken case breaks no other rule unless it says so').toEqual([...(testCase.alsoBreaks ?? [])].sort());
    }
  });
});
