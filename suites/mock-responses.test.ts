import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { expectedStatuses, type Requirement, type Rule } from '../engine/spec/requirement-model.ts';
import { responseSchema } from '../engine/schema/schema-locations.ts';
import { createSchemaValidator, type SchemaValidator } from '../engine/schema/schema-violations.ts';
import { specExamples } from '../engine/spec/spec-examples.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import type { ErrorContext, MockResponse, SuccessContext } from '../apis/support/api-responses.ts';
import { responsesFor } from '../mock/responses/index.ts';
import { readRuleCaseTable } from './support/rule-case-table.ts';

/**
 * The mock's documented answers (apis/<api>/responses.ts): each success is the spec's success
 * status, headers and schema-valid body built from the request; each error is the family's body,
 * valid against the spec's schema for that status, naming the requirement.
 */

const BASE_URL = 'http://127.0.0.1:41234';
const FIRST_ID = '0b6f8c1e-7a2d-4c3b-9e5f-1a2b3c4d5e6f';
const SECOND_ID = 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f';

function successContext(id: string, sequence = 1): SuccessContext {
  return { id, baseUrl: BASE_URL, sequence };
}

/** A field of the answer next to the request's value it must echo. */
interface Echo {
  field: string;
  answered: unknown;
  requested: unknown;
}

interface SuccessExpectation {
  status: number;
  /** The created resource's id as the answer carries it (undefined: the answer has no body). */
  createdId(response: MockResponse): unknown;
  echoes(request: RequestDocument, response: MockResponse, context: SuccessContext): Echo[];
}

function at(value: unknown, pointer: string): unknown {
  return resolvePointer(value, pointer);
}

function echo(field: string, answered: unknown, requested: unknown): Echo {
  return { field, answered, requested };
}

/** Numbers the documents send as numeric strings come back as the schema's integer. */
function asInteger(value: unknown): unknown {
  return typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : value;
}

const SUCCESS: Record<ApiName, SuccessExpectation> = {
  'cloud-databases-ha': {
    status: 202,
    createdId: (response) => at(response.body, '/ha_instance/id'),
    echoes: (request, response) => [
      echo('name', at(response.body, '/ha_instance/name'), at(request.body, '/ha/name')),
      echo('tenant_id', at(response.body, '/ha_instance/tenant_id'), request.path.accountId),
      echo('flavor id', at(response.body, '/ha_instance/flavor/id'), at(request.body, '/ha/replica_source/0/flavorRef')),
      echo('replica name', at(response.body, '/ha_instance/replicas/0/name'), at(request.body, '/ha/replicas/0/name')),
      echo('datastore version', at(response.body, '/ha_instance/datastore/version'), at(request.body, '/ha/datastore/version')),
    ],
  },
  'lbaas-healthmonitors': {
    status: 201,
    createdId: (response) => at(response.body, '/healthmonitor/id'),
    echoes: (request, response) =>
      ['tenant_id', 'type', 'delay', 'timeout', 'max_retries']
        .map((field) => echo(field, at(response.body, `/healthmonitor/${field}`), asInteger(at(request.body, `/healthmonitor/${field}`))))
        .concat(echo('pool id', at(response.body, '/healthmonitor/pools/0/id'), at(request.body, '/healthmonitor/pool_id'))),
  },
  'cloudbasic-cluster': {
    status: 200,
    createdId: () => undefined,
    echoes: () => [],
  },
  'compute-servers': {
    status: 202,
    createdId: (response) => at(response.body, '/server/id'),
    echoes: (request, response, context) => [
      echo('location', response.headers.location, `${BASE_URL}/v2/${request.path.project_id}/servers/${context.id}`),
      echo('self link', at(response.body, '/server/links/0/href'), response.headers.location),
      echo('OS-DCF:diskConfig', at(response.body, '/server/OS-DCF:diskConfig'), at(request.body, '/server/OS-DCF:diskConfig') ?? 'MANUAL'),
    ],
  },
  'orchestration-stacks': {
    status: 201,
    createdId: (response) => at(response.body, '/stack/id'),
    echoes: (request, response, context) => [
      echo(
        'self link',
        at(response.body, '/stack/links/0/href'),
        `${BASE_URL}/v1/${request.path.tenant_id}/stacks/${String(at(request.body, '/stack_name'))}/${context.id}`,
      ),
      echo('rel', at(response.body, '/stack/links/0/rel'), 'self'),
    ],
  },
};

/** Body pointer -> expected value: the family's error shape for one status. */
type ErrorFields = (status: number, context: ErrorContext) => Record<string, unknown>;

function faultKeyFields(keys: Record<number, string>): ErrorFields {
  return (status, context) => ({
    [`/${keys[status] ?? `(no fault key for ${status})`}/message`]: context.message,
    [`/${keys[status] ?? `(no fault key for ${status})`}/code`]: status,
  });
}

const TROVE_KEYS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  413: 'overLimit',
  422: 'unprocessableEntity',
  500: 'instanceFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};
const NOVA_KEYS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  409: 'conflictingRequest',
  413: 'overLimit',
  500: 'computeFault',
};
const NEUTRON_TYPES: Record<number, string> = {
  400: 'HTTPBadRequest',
  401: 'HTTPUnauthorized',
  404: 'HTTPNotFound',
  409: 'HTTPConflict',
  413: 'HTTPRequestEntityTooLarge',
  500: 'HTTPInternalServerError',
  503: 'HTTPServiceUnavailable',
};
const HEAT_TYPES: Record<number, [type: string, title: string]> = {
  400: ['StackValidationFailed', 'Bad Request'],
  401: ['HTTPUnauthorized', 'Unauthorized'],
  404: ['HTTPNotFound', 'Not Found'],
  409: ['HTTPConflict', 'Conflict'],
  500: ['HTTPInternalServerError', 'Internal Server Error'],
};

const ERRORS: Record<ApiName, { pointer: string; fields: ErrorFields }> = {
  'cloud-databases-ha': { pointer: '/body/ha/name', fields: faultKeyFields(TROVE_KEYS) },
  'lbaas-healthmonitors': {
    pointer: '/body/healthmonitor/timeout',
    fields: (status, context) => ({
      '/NeutronError/type': NEUTRON_TYPES[status],
      '/NeutronError/message': context.message,
      '/NeutronError/detail': '',
    }),
  },
  'cloudbasic-cluster': {
    pointer: '/body/port',
    fields: (_status, context) => ({
      '/errors': ['{Port}:Invalid value for Port'],
      '/requestId': context.sequence,
    }),
  },
  'compute-servers': { pointer: '/body/server/name', fields: faultKeyFields(NOVA_KEYS) },
  'orchestration-stacks': {
    pointer: '/body/stack_name',
    fields: (status, context) => ({
      '/code': status,
      '/title': HEAT_TYPES[status]?.[1],
      '/error/type': HEAT_TYPES[status]?.[0],
      '/error/message': context.message,
      '/error/traceback': null,
    }),
  },
};

/** Each listed field of the body next to the value the family gives it. */
function fieldsOf(body: unknown, expected: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expected).map((pointer) => [pointer, at(body, pointer)]));
}

function responseRules(spec: LoadedSpec): Rule[] {
  return spec.requirements.flatMap((requirement) => (requirement.rule ? [requirement.rule] : []));
}

function documentedSuccessStatus(spec: LoadedSpec): number | undefined {
  const rule = responseRules(spec).find((candidate) => candidate.kind === 'responseStatus');
  return rule?.kind === 'responseStatus' ? rule.status : undefined;
}

function documentedContentType(spec: LoadedSpec, status: number): string | undefined {
  const rule = responseRules(spec).find((candidate) => candidate.kind === 'responseContentType' && candidate.status === status);
  return rule?.kind === 'responseContentType' ? rule.mediaType : undefined;
}

/** Headers a responseHeader rule or a `required: true` header of the spec demands on this status. */
function requiredHeaders(spec: LoadedSpec, status: number): string[] {
  const fromRules = responseRules(spec).flatMap((rule) => (rule.kind === 'responseHeader' && rule.status === status ? [rule.name] : []));
  const response = (spec.operation.responses ?? {})[String(status)] as { headers?: Record<string, { required?: boolean }> } | undefined;
  const declared = Object.entries(response?.headers ?? {}).flatMap(([name, header]) => (header.required ? [name] : []));
  return [...new Set([...fromRules, ...declared].map((name) => name.toLowerCase()))].sort();
}

function errorStatuses(spec: LoadedSpec): number[] {
  return Object.keys(spec.operation.responses ?? {})
    .map(Number)
    .filter((status) => status >= 400);
}

/** A requirement of the spec that gives this status when broken (else any request-side one). */
function requirementFor(spec: LoadedSpec, status: number): Requirement {
  const named = spec.requirements.find((requirement) => expectedStatuses(requirement).includes(status));
  const fallback = spec.requirements.find((requirement) => expectedStatuses(requirement).length > 0);
  const requirement = named ?? fallback;
  if (!requirement) throw new Error(`${spec.api}: no request-side requirement`);
  return requirement;
}

function errorContext(requirement: Requirement, pointer: string | undefined): ErrorContext {
  return {
    requirementId: requirement.id,
    message: `${requirement.id}: ${requirement.cite.quote} (the test's detail)`,
    pointer,
    sequence: 7,
  };
}

/** The rule-case base request, then each request example of the spec sent with the base's path and headers. */
function successRequests(api: ApiName, spec: LoadedSpec): [string, RequestDocument][] {
  const base = readRuleCaseTable(api).base;
  const examples = specExamples(spec).filter((example) => example.location === 'request-body');
  return [
    ['the rule-case base request', base],
    ...examples.map((example): [string, RequestDocument] => [`example ${example.name}`, { ...structuredClone(base), body: example.value }]),
  ];
}

const loaded = await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const));
const specs = new Map<ApiName, LoadedSpec>(loaded);
const validators = new Map<ApiName, SchemaValidator>(loaded.map(([api, spec]) => [api, createSchemaValidator(spec)]));

function specOf(api: ApiName): LoadedSpec {
  const spec = specs.get(api);
  if (!spec) throw new Error(`no spec for ${api}`);
  return spec;
}

function validatorOf(api: ApiName): SchemaValidator {
  const validate = validators.get(api);
  if (!validate) throw new Error(`no validator for ${api}`);
  return validate;
}

describe.each(API_NAMES)('%s mock responses', (api: ApiName) => {
  const spec = specOf(api);
  const validate = validatorOf(api);
  const responses = responsesFor(api);
  const expectation = SUCCESS[api]!;

  describe.each(successRequests(api, spec))('success for %s', (_label, request) => {
    const context = successContext(FIRST_ID);
    const response = responses.success(structuredClone(request), context);

    it('has the documented success status', () => {
      expect(response.status).toBe(expectation.status);
      expect(response.status).toBe(documentedSuccessStatus(spec));
    });

    it("validates against the spec's success response schema (no body where the spec gives none)", () => {
      const schemaLocation = `response:${response.status}`;
      if (responseSchema(spec, String(response.status))) expect(validate(schemaLocation, response.body)).toEqual([]);
      else expect(response.body).toBeUndefined();
    });

    it('carries the content type and the headers the spec requires', () => {
      const mediaType = documentedContentType(spec, response.status);
      if (response.body === undefined) expect(response.headers['content-type']).toBeUndefined();
      else expect(response.headers['content-type']).toBe(mediaType ?? 'application/json');
      for (const name of requiredHeaders(spec, response.status)) expect(response.headers[name], name).toBeTruthy();
    });

    it("echoes the request's name-like fields and carries the fresh id", () => {
      const echoes = expectation.echoes(request, response, context);
      expect(echoes.map((entry) => entry.answered)).toEqual(echoes.map((entry) => entry.requested));
      const id = expectation.createdId(response);
      if (response.body !== undefined) expect(id).toBe(context.id);
    });
  });

  it('gives different ids (and URLs) to two creations with different ids', () => {
    const base = readRuleCaseTable(api).base;
    const first = responses.success(structuredClone(base), successContext(FIRST_ID, 1));
    const second = responses.success(structuredClone(base), successContext(SECOND_ID, 2));
    if (first.body === undefined) {
      expect(second).toEqual(first);
      return;
    }
    expect([expectation.createdId(first), expectation.createdId(second)]).toEqual([FIRST_ID, SECOND_ID]);
    expect(JSON.stringify(second.body)).not.toEqual(JSON.stringify(first.body));
    expect(second.headers.location).toEqual(first.headers.location === undefined ? undefined : expect.stringContaining(SECOND_ID));
  });

  describe.each(errorStatuses(spec))('error %i', (status) => {
    const requirement = requirementFor(spec, status);
    const context = errorContext(requirement, ERRORS[api]!.pointer);
    const response = responses.error(status, context);

    it("has the status, JSON content type and the requirement's id in x-conformance-requirement", () => {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe(documentedContentType(spec, status) ?? 'application/json');
      expect(response.headers['x-conformance-requirement']).toBe(requirement.id);
    });

    it("validates against the spec's schema for the status, when it has one", () => {
      if (responseSchema(spec, String(status))) expect(validate(`response:${status}`, response.body)).toEqual([]);
      else expect(response.body).toBeTypeOf('object');
    });

    it("is the family's error body, carrying the message where the family has a slot for it", () => {
      const expected = ERRORS[api]!.fields(status, context);
      expect(fieldsOf(response.body, expected)).toEqual(expected);
    });
  });

  it('leaves x-conformance-requirement out when no requirement is broken (protocol errors)', () => {
    const response = responses.error(400, { requirementId: undefined, message: 'the body is not JSON', pointer: undefined, sequence: 1 });
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('cloudbasic-cluster error entries', () => {
  const { error } = responsesFor('cloudbasic-cluster');
  const entryFor = (pointer: string | undefined, status = 400): unknown =>
    at(error(status, { requirementId: 'x', message: 'm', pointer, sequence: 3 }).body, '/errors/0');

  it.each([
    ['/body/port', 400, '{Port}:Invalid value for Port'],
    ['/body/remoteServer', 400, '{RemoteServer}:Invalid value for RemoteServer'],
    ['/body/privateKey', 400, '{PrivateKey}:Invalid value for PrivateKey'],
    ['/header/x-amz-date', 400, '{XAmzDate}:Invalid value for XAmzDate'],
    ['/body', 400, '{Body}:Invalid value for Body'],
    [undefined, 400, '{Body}:Invalid value for Body'],
    [undefined, 401, '{Authorization}:Invalid value for Authorization'],
    [undefined, 403, '{Authorization}:Invalid value for Authorization'],
  ] as const)('names the field at %s (status %i) in PascalCase', (pointer, status, entry) => {
    expect(entryFor(pointer, status)).toBe(entry);
  });

  it('uses the error sequence as requestId', () => {
    expect(error(400, { requirementId: 'x', message: 'm', pointer: '/body/port', sequence: 20 }).body).toEqual({
      errors: ['{Port}:Invalid value for Port'],
      requestId: 20,
    });
  });
});

describe('compute-servers adminPass', () => {
  const { success } = responsesFor('compute-servers');
  const request = readRuleCaseTable('compute-servers').base;
  const passOf = (id: string): unknown => at(success(request, successContext(id)).body, '/server/adminPass');

  it('looks random (12 letters and digits), differs per server and is stable for one id', () => {
    expect(passOf(FIRST_ID)).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(passOf(SECOND_ID)).not.toBe(passOf(FIRST_ID));
    expect(passOf(FIRST_ID)).toBe(passOf(FIRST_ID));
  });
});
