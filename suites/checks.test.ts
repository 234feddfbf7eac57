import { describe, expect, it } from 'vitest';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { runChecks } from '../runner/checks.ts';
import type { ObservedResponse, PlannedCase } from '../engine/run/run-model.ts';

const spec = await loadSpec('lbaas-healthmonitors');
const validate = createSchemaValidator(spec);

function testCase(polarity: PlannedCase['polarity'], requirementId: string, expectedStatuses: number[]): PlannedCase {
  return {
    id: `${requirementId}#x-1`,
    api: spec.api,
    requirementId,
    polarity,
    origin: 'boundary',
    level: 'explicit',
    description: '',
    request: { method: 'POST', path: {}, header: {} },
    expectedStatuses,
  };
}

function response(status: number, json: unknown, contentType = 'application/json'): ObservedResponse {
  return { status, headers: { 'content-type': contentType }, bodyExcerpt: JSON.stringify(json), bodyTruncated: false, json };
}

const failed = (outcomes: ReturnType<typeof runChecks>) => outcomes.filter((o) => !o.passed).map((o) => `${o.check} ${o.requirementId}`);

describe('checks', () => {
  const negative = testCase('negative', 'lbaas-healthmonitors/timeout-lt-delay', [400]);
  const positive = testCase('positive', 'lbaas-healthmonitors/max-retries-range', [201]);
  const created = { healthmonitor: { id: '0a9ac99d-0a09-4b18-8499-a0796850279a', type: 'HTTP' } };

  it('pass a refusal with the documented status and error body', () => {
    expect(failed(runChecks({ spec, validate, testCase: negative, response: response(400, { NeutronError: { message: 'no' } }) }))).toEqual([]);
  });

  it('name the error-body requirement when a documented refusal has the wrong body', () => {
    expect(failed(runChecks({ spec, validate, testCase: negative, response: response(400, { error: 'no' }) }))).toEqual([
      'response_schema_conformance lbaas-healthmonitors/error-body',
    ]);
  });

  it('name the case requirement when an invalid request is accepted', () => {
    expect(failed(runChecks({ spec, validate, testCase: negative, response: response(201, created) }))).toEqual([
      'status_conformance lbaas-healthmonitors/timeout-lt-delay',
    ]);
  });

  it('name the case requirement when a valid boundary request is refused', () => {
    expect(failed(runChecks({ spec, validate, testCase: positive, response: response(400, { NeutronError: { message: 'no' } }) }))).toEqual([
      'status_conformance lbaas-healthmonitors/max-retries-range',
    ]);
  });

  it('name the success-status requirement, not the case, when a valid request gets another success', () => {
    expect(failed(runChecks({ spec, validate, testCase: positive, response: response(200, created) }))).toEqual([
      'status_conformance lbaas-healthmonitors/response-status-created',
    ]);
  });

  it('name the id and content-type requirements of a success without an id, sent as HTML', () => {
    const outcomes = runChecks({ spec, validate, testCase: positive, response: response(201, { healthmonitor: { type: 'HTTP' } }, 'text/html') });
    expect(failed(outcomes).sort()).toEqual([
      'content_type_conformance lbaas-healthmonitors/response-content-type',
      'response_schema_conformance lbaas-healthmonitors/response-has-id',
    ]);
  });

  it('name the body-fields requirement of a success with a wrongly typed field', () => {
    const outcomes = runChecks({ spec, validate, testCase: positive, response: response(201, { healthmonitor: { ...created.healthmonitor, delay: '5' } }) });
    expect(failed(outcomes)).toEqual(['response_schema_conformance lbaas-healthmonitors/response-body-fields']);
  });

  it('call any 5xx a server error', () => {
    expect(failed(runChecks({ spec, validate, testCase: negative, response: response(503, {}) }))).toContain(
      'not_a_server_error lbaas-healthmonitors/timeout-lt-delay',
    );
  });
});
