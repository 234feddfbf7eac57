import { describe, expect, it } from 'vitest';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import { claimCoverageProblems } from '../engine/schema/schema-claims.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';

/** A one-operation spec built in memory, already dereferenced, as loadSpec would give it. */
function specWith(requirements: Requirement[]): LoadedSpec {
  const schema = {
    type: 'object',
    required: ['name', 'size'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 5 },
      size: { type: 'integer', minimum: 1 },
      id: { type: 'string', anyOf: [{ format: 'uuid' }, { pattern: '^[0-9a-f]{32}$' }] },
    },
  };
  const operation = {
    requestBody: { content: { 'application/json': { schema } } },
    responses: { '201': { description: 'Created' } },
    'x-requirements': requirements,
    'x-errata': [],
  };
  return { api: 'lbaas-healthmonitors', operation, requirements, errata: [] } as unknown as LoadedSpec;
}

const cite = { section: 'Request', quote: 'a quote' };
const claim = (id: string, at: string, keywords?: string[], property?: string): Requirement => ({
  id,
  level: 'explicit',
  status: 400,
  cite,
  schema: [{ at, ...(keywords ? { keywords } : {}), ...(property ? { property } : {}) }],
});

const COMPLETE: Requirement[] = [
  claim('t/body-object', 'request-body#', ['type']),
  claim('t/name-required', 'request-body#', ['required'], 'name'),
  claim('t/size-required', 'request-body#', ['required'], 'size'),
  claim('t/name-string', 'request-body#/properties/name', ['type']),
  claim('t/name-length', 'request-body#/properties/name', ['minLength', 'maxLength']),
  claim('t/size-positive-integer', 'request-body#/properties/size', ['type', 'minimum']),
  claim('t/id-uuid', 'request-body#/properties/id', ['type', 'anyOf']),
];

describe('schema claims', () => {
  it('finds nothing to say when every constraint is claimed once', () => {
    expect(claimCoverageProblems(specWith(COMPLETE))).toEqual([]);
  });

  it('reports a constraint no requirement claims', () => {
    const problems = claimCoverageProblems(specWith(COMPLETE.filter((r) => r.id !== 't/size-required')));
    expect(problems.map((p) => p.message)).toEqual(['request-body# required(size) is claimed by no requirement']);
  });

  it('reports a constraint two requirements claim', () => {
    const twice = [...COMPLETE, claim('t/name-max', 'request-body#/properties/name', ['maxLength'])];
    expect(claimCoverageProblems(specWith(twice)).map((p) => p.kind)).toEqual(['claimed-twice']);
  });

  it('reports a claim on a keyword the schema does not have', () => {
    const dangling = [...COMPLETE, claim('t/name-pattern', 'request-body#/properties/name', ['pattern'])];
    expect(claimCoverageProblems(specWith(dangling)).map((p) => p.kind)).toEqual(['dangling-claim']);
  });

  it('names each failure by the requirement that claims the failing keyword', () => {
    const validate = createSchemaValidator(specWith(COMPLETE));
    const ids = (body: unknown) => [...new Set(validate('request-body', body).map((v) => v.requirementId))].sort();
    expect(ids({ name: 'ok', size: 1 })).toEqual([]);
    expect(ids({ name: 'toolong', size: 1 })).toEqual(['t/name-length']);
    expect(ids({ size: 1 })).toEqual(['t/name-required']);
    expect(ids({ name: 'a', size: 0 })).toEqual(['t/size-positive-integer']);
    expect(ids({ name: 'a', size: 1, id: 'nope' })).toEqual(['t/id-uuid']);
    expect(ids({ name: 'a', size: 1, id: '0a9ac99d0a094b188499a0796850279a' })).toEqual([]);
    // `required` applies to objects only: an array fails its type alone.
    expect(ids([])).toEqual(['t/body-object']);
  });
});
