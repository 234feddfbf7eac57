import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { withEdits, type RequestEdits } from '../engine/request/request-edits.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { requestBodySchema } from '../engine/schema/schema-locations.ts';
import { send, successStatus, type Answer } from './support/mock-client.ts';
import { postHead, rawExchange } from './support/raw-http.ts';
import { TEST_CONFIG, useMock, type MockFixture } from './support/running-mock.ts';

/**
 * The lenient personality really differs from the strict one (so the suite passing both is not
 * vacuous): the same request goes to a strict and a lenient mock (same case-table worlds), and
 * each test says what each personality does with it. Where the documents leave an input open
 * that the strict mock accepts too, the test says so and asserts it.
 */
const strict = useMock();
const lenient = useMock({ personality: 'lenient' });

const LBAAS: ApiName = 'lbaas-healthmonitors';
const POOL = '74aa2010-a59f-4d35-a436-60a6da882819';
const BUSY_POOL = '5d8c1a7e-2b8f-4c4e-9a51-0f6f3e2d9b10';
const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
const FREE_PORT = '3f1b8c3e-2a7d-4c55-9e0b-6d4f1a2b7c90';

const undashedUpper = (uuid: string) => uuid.replace(/-/g, '').toUpperCase();

function baseOf(fixture: MockFixture, api: ApiName): RequestDocument {
  const base = fixture.tables.get(api)?.base;
  if (!base) throw new Error(`no case-table base for ${api}`);
  return base;
}

async function ask(fixture: MockFixture, api: ApiName, edits: RequestEdits = {}, reset = true): Promise<Answer> {
  const spec = fixture.specs.get(api);
  if (!spec) throw new Error('fixture not loaded');
  if (reset) fixture.mock.reset();
  return send(fixture.mock.url, spec, withEdits(baseOf(fixture, api), edits), { sigv4: TEST_CONFIG.auth.sigv4 });
}

async function both(api: ApiName, edits: RequestEdits = {}): Promise<{ strict: Answer; lenient: Answer }> {
  return { strict: await ask(strict, api, edits), lenient: await ask(lenient, api, edits) };
}

const success = (api: ApiName) => {
  const spec = strict.specs.get(api);
  if (!spec) throw new Error('fixture not loaded');
  return successStatus(spec);
};

describe("request side: what the documents' own examples send (both accept: a client copying an example must succeed)", () => {
  it.each([
    ['lbaas-healthmonitors', 'delay "1" (the request example sends it)', { set: { '/body/healthmonitor/delay': '1', '/body/healthmonitor/timeout': 0 } }],
    [
      'lbaas-healthmonitors',
      'timeout equal to delay (the request example sends 1 and "1")',
      { set: { '/body/healthmonitor/delay': 3, '/body/healthmonitor/timeout': 3 } },
    ],
    ['lbaas-healthmonitors', 'no tenant_id (the request example has none)', { unset: ['/body/healthmonitor/tenant_id'] }],
    ['cloudbasic-cluster', 'port "4432" (the example sends the port as a string)', { set: { '/body/port': '4432' } }],
    ['orchestration-stacks', 'disable_rollback "True" (the table types it String)', { set: { '/body/disable_rollback': 'True' } }],
    ['cloud-databases-ha', 'networks "public, servicenet" (a comma-separated list, as the table says)', { set: { '/body/ha/networks': 'public, servicenet' } }],
  ] as const)('%s: %s', async (api, _, edits) => {
    const answers = await both(api, edits as RequestEdits);
    expect(answers.lenient.status, answers.lenient.text).toBe(success(api));
    expect(answers.strict.status, answers.strict.text).toBe(success(api));
  });

  it.each([
    ['delay "abc"', { '/body/healthmonitor/delay': 'abc' }],
    ['delay "1.5"', { '/body/healthmonitor/delay': '1.5' }],
    ['delay true', { '/body/healthmonitor/delay': true }],
  ])('both still refuse what no document sends: %s', async (_, set) => {
    const answers = await both(LBAAS, { set });
    for (const answer of [answers.strict, answers.lenient]) {
      expect(answer.status).toBe(400);
      expect(answer.headers['x-conformance-requirement']).toBe('lbaas-healthmonitors/delay-is-integer');
    }
  });

  it('a tolerated value still meets the other rules: delay "1" with timeout 2 breaks timeout < delay on both', async () => {
    const answers = await both(LBAAS, { set: { '/body/healthmonitor/delay': '1', '/body/healthmonitor/timeout': 2 } });
    for (const answer of [answers.strict, answers.lenient]) {
      expect(answer.status).toBe(400);
      expect(answer.headers['x-conformance-requirement']).toBe('lbaas-healthmonitors/timeout-lt-delay');
    }
  });
});

describe('request side: the other reasonable readings (lenient accepts, strict refuses)', () => {
  it.each([
    [
      'lbaas-healthmonitors',
      'max_retries "7": a numeric string read as its number',
      { set: { '/body/healthmonitor/max_retries': '7' } },
      'lbaas-healthmonitors/max-retries-is-integer',
    ],
    [
      'lbaas-healthmonitors',
      'admin_state_up "true": a boolean word read as a boolean',
      { set: { '/body/healthmonitor/admin_state_up': 'true' } },
      'lbaas-healthmonitors/admin-state-up-is-boolean',
    ],
    ['compute-servers', 'user_data null: null read as not given', { set: { '/body/server/user_data': null } }, 'compute-servers/user-data-base64'],
    [
      'orchestration-stacks',
      'timeout_mins "60": a numeric string read as its number',
      { set: { '/body/timeout_mins': '60' } },
      'orchestration-stacks/timeout-mins-is-integer',
    ],
    [
      'orchestration-stacks',
      'template_url not a URI beside a template: the document says it is ignored',
      { set: { '/body/template_url': 'not a uri' } },
      'orchestration-stacks/template-url-is-uri',
    ],
  ] as const)('%s: %s', async (api, _, edits, requirementId) => {
    const answers = await both(api, edits);
    expect(answers.lenient.status, answers.lenient.text).toBe(success(api));
    expect(answers.strict.status).toBe(400);
    expect(answers.strict.headers['x-conformance-requirement']).toBe(requirementId);
  });

  it('two empty block device lists: lenient reads them as not given, strict as both given', async () => {
    const answers = await both('compute-servers', { set: { '/body/server/block_device_mapping': [], '/body/server/block_device_mapping_v2': [] } });
    expect(answers.lenient.status, answers.lenient.text).toBe(202);
    expect(answers.strict.status).toBe(400);
    expect(answers.strict.headers['x-conformance-requirement']).toBe('compute-servers/bdm-and-bdm-v2-exclusive');
  });

  it('a PING monitor with url_path: lenient ignores it, strict refuses it (the document says it is useful only for HTTP)', async () => {
    const answers = await both(LBAAS, { set: { '/body/healthmonitor/type': 'PING', '/body/healthmonitor/url_path': '/' } });
    expect(answers.lenient.status, answers.lenient.text).toBe(201);
    expect(answers.strict.status).toBe(400);
    expect(answers.strict.headers['x-conformance-requirement']).toBe('lbaas-healthmonitors/http-fields-only-for-http');
  });
});

describe('request side: UUIDs in another form', () => {
  it('lbaas pool_id undashed and upper case naming the existing pool: both accept (csapi:uuid allows both forms; lookups normalize)', async () => {
    const answers = await both(LBAAS, { set: { '/body/healthmonitor/pool_id': undashedUpper(POOL) } });
    expect(answers.lenient.status, answers.lenient.text).toBe(201);
    expect(answers.strict.status, answers.strict.text).toBe(201);
  });

  it('lbaas pool_id undashed and upper case naming the busy pool: both find it and refuse 409', async () => {
    const answers = await both(LBAAS, { set: { '/body/healthmonitor/pool_id': undashedUpper(BUSY_POOL) } });
    for (const answer of [answers.strict, answers.lenient]) {
      expect(answer.status).toBe(409);
      expect(answer.headers['x-conformance-requirement']).toBe('lbaas-healthmonitors/load-balancer-active');
    }
  });

  it('compute imageRef (format: uuid) undashed and upper case: lenient accepts and finds the image, strict refuses it (400)', async () => {
    const answers = await both('compute-servers', { set: { '/body/server/imageRef': undashedUpper(IMAGE) } });
    expect(answers.lenient.status, answers.lenient.text).toBe(202);
    expect(answers.strict.status).toBe(400);
    expect(answers.strict.headers['x-conformance-requirement']).toBe('compute-servers/image-ref-is-uuid');
  });

  it('compute imageRef dashed in upper case: both accept (the uuid format ignores letter case)', async () => {
    const answers = await both('compute-servers', { set: { '/body/server/imageRef': IMAGE.toUpperCase() } });
    expect(answers.lenient.status, answers.lenient.text).toBe(202);
    expect(answers.strict.status, answers.strict.text).toBe(202);
  });

  it('compute imageRef undashed naming no image, or not a uuid at all: lenient refuses as strict does', async () => {
    const unknown = await ask(lenient, 'compute-servers', { set: { '/body/server/imageRef': '0123456789ABCDEF0123456789ABCDEF' } });
    expect(unknown.status).toBe(400);
    expect(unknown.headers['x-conformance-requirement']).toBe('compute-servers/image-exists');
    const garbage = await both('compute-servers', { set: { '/body/server/imageRef': 'not-a-uuid' } });
    expect(garbage.lenient.status).toBe(garbage.strict.status);
    expect(garbage.lenient.headers['x-conformance-requirement']).toBe('compute-servers/image-ref-is-uuid');
  });

  it('a port taken in one spelling is in use in every other one (the creation effect normalizes the key)', async () => {
    const networks = (port: string) => ({ set: { '/body/server/networks': [{ port }] } });
    lenient.mock.reset();
    const first = await ask(lenient, 'compute-servers', networks(undashedUpper(FREE_PORT)), false);
    expect(first.status, first.text).toBe(202);
    const second = await ask(lenient, 'compute-servers', networks(FREE_PORT), false);
    expect(second.status).toBe(409);
    expect(second.headers['x-conformance-requirement']).toBe('compute-servers/port-not-in-use');
    // Strict refuses the undashed spelling, but the dashed upper-case one is the same port to it too.
    strict.mock.reset();
    expect((await ask(strict, 'compute-servers', networks(FREE_PORT.toUpperCase()), false)).status).toBe(202);
    expect((await ask(strict, 'compute-servers', networks(FREE_PORT), false)).status).toBe(409);
  });
});

describe('request side: what both personalities accept alike', () => {
  it('no spec forbids unknown fields (no additionalProperties: false in a request schema)', () => {
    const forbidding: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (typeof node !== 'object' || node === null) return;
      if ((node as Record<string, unknown>).additionalProperties === false) forbidding.push(where);
      // A contentSchema describes the document inside a string (a template), not the request's fields.
      for (const [key, child] of Object.entries(node)) if (key !== 'contentSchema') walk(child, `${where}/${key}`);
    };
    for (const api of API_NAMES) {
      const spec = strict.specs.get(api);
      if (spec) walk(requestBodySchema(spec), api);
    }
    expect(forbidding).toEqual([]);
  });

  it('an unknown extra field, at the top and inside the wrapper: both accept', async () => {
    const answers = await both(LBAAS, { set: { '/body/x_unknown_field': 1, '/body/healthmonitor/name': 'surplus' } });
    expect(answers.lenient.status, answers.lenient.text).toBe(201);
    expect(answers.strict.status, answers.strict.text).toBe(201);
  });

  it.each(['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON', 'application/json; charset="utf-8"; profile=x'])(
    'Content-Type %s: both accept',
    async (contentType) => {
      const answers = await both(LBAAS, { set: { '/header/content-type': contentType } });
      expect(answers.lenient.status, answers.lenient.text).toBe(201);
      expect(answers.strict.status, answers.strict.text).toBe(201);
    },
  );

  it.each(['application/json; charset=iso-8859-1', 'text/plain'])(
    'Content-Type %s: both refuse (400): JSON is UTF-8, and no other media type is documented',
    async (contentType) => {
      const answers = await both(LBAAS, { set: { '/header/content-type': contentType } });
      expect(answers.lenient.status).toBe(400);
      expect(answers.strict.status).toBe(400);
    },
  );

  it('a request with Connection: close (keep-alive off): both answer it', async () => {
    const body = JSON.stringify(baseOf(strict, LBAAS).body);
    for (const fixture of [strict, lenient]) {
      fixture.mock.reset();
      const head = postHead('/v2.0/lbaas/healthmonitors', {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-auth-token': 'good-token',
      });
      const answer = await rawExchange(fixture.mock.port, [head, body]);
      expect(answer.status, answer.text).toBe(201);
    }
  });
});

describe('response side: the lenient character', () => {
  it('Content-Type: lenient adds charset=utf-8, strict sends the bare media type', async () => {
    const answers = await both(LBAAS);
    expect(answers.lenient.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answers.strict.headers['content-type']).toBe('application/json');
    const refused = await both(LBAAS, { set: { '/body/healthmonitor/delay': 'abc' } });
    expect(refused.lenient.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(refused.strict.headers['content-type']).toBe('application/json');
  });

  it('JSON keys: lenient answers every object with its keys in reverse order', async () => {
    const answers = await both(LBAAS);
    const keys = (answer: Answer) => Object.keys((answer.json as { healthmonitor: Record<string, unknown> }).healthmonitor);
    expect(keys(answers.strict)[0]).toBe('admin_state_up');
    expect(keys(answers.lenient)).toEqual([...keys(answers.strict)].reverse());
    const refused = await both(LBAAS, { set: { '/body/healthmonitor/delay': 'abc' } });
    const errorKeys = (answer: Answer) => Object.keys((answer.json as { NeutronError: Record<string, unknown> }).NeutronError);
    expect(errorKeys(refused.lenient)).toEqual([...errorKeys(refused.strict)].reverse());
    expect(refused.lenient.text).not.toBe(refused.strict.text);
  });

  it('Connection: lenient closes every connection after its answer, strict keeps it alive', async () => {
    const answers = await both(LBAAS);
    expect(answers.lenient.headers.connection).toBe('close');
    expect(answers.strict.headers.connection).toBe('keep-alive');
    const body = JSON.stringify(baseOf(lenient, LBAAS).body);
    lenient.mock.reset();
    const head = postHead('/v2.0/lbaas/healthmonitors', {
      connection: 'keep-alive',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-auth-token': 'good-token',
    });
    // The client holds its side open and asks for keep-alive: only the server's close ends the exchange.
    const raw = await rawExchange(lenient.mock.port, [head, body], { holdOpen: true });
    expect(raw.status).toBe(201);
    expect(raw.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(raw.closed).toBe(true);
  });

  it('documented optional headers: lenient sends the Via and Server the cloud-databases-ha example shows, strict does not', async () => {
    const answers = await both('cloud-databases-ha');
    expect(answers.lenient.status, answers.lenient.text).toBe(202);
    expect(answers.lenient.headers.via).toBe('1.1 Repose (Repose/2.6.7)');
    expect(answers.lenient.headers.server).toBe('Jetty(8.0.y.z-SNAPSHOT)');
    expect(answers.strict.headers.via).toBeUndefined();
    expect(answers.strict.headers.server).toBeUndefined();
  });

  it.each(['cloud-databases-ha', 'lbaas-healthmonitors', 'compute-servers', 'orchestration-stacks'] as const)(
    '%s: the lenient success answer still validates against the response schema, with the same content as strict',
    async (api) => {
      const spec = lenient.specs.get(api);
      if (!spec) throw new Error('fixture not loaded');
      const answers = await both(api);
      expect(answers.lenient.status, answers.lenient.text).toBe(success(api));
      expect(createSchemaValidator(spec)(`response:${answers.lenient.status}`, answers.lenient.json)).toEqual([]);
      const shape = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(shape)
          : typeof value === 'object' && value !== null
            ? Object.fromEntries(
                Object.keys(value)
                  .sort()
                  .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
              )
            : typeof value;
      expect(shape(answers.lenient.json)).toEqual(shape(answers.strict.json));
    },
  );

  it('cloudbasic-cluster: the bodiless 200 stays bodiless (no Content-Type), and closes the connection', async () => {
    const answers = await both('cloudbasic-cluster');
    expect(answers.lenient.status, answers.lenient.text).toBe(200);
    expect(answers.lenient.text).toBe('');
    expect(answers.lenient.headers['content-type']).toBeUndefined();
    expect(answers.lenient.headers.connection).toBe('close');
    expect(answers.strict.headers.connection).toBe('keep-alive');
  });
});
