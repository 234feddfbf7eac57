import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startMock } from '../mock/mock-server.ts';
import { send, successStatus } from './support/mock-client.ts';
import { postHead, rawExchange } from './support/raw-http.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';

const fixture = useMock();
const LBAAS = '/v2.0/lbaas/healthmonitors';

async function post(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await request(`${fixture.mock.url}${LBAAS}`, {
    method: 'POST',
    headers: { 'x-auth-token': 'good-token', ...headers },
    body,
  });
  const text = await response.body.text();
  return { status: response.statusCode, text };
}

/** After any abuse, a valid request still gets its success: the mock keeps serving. */
async function stillServes(): Promise<void> {
  const spec = fixture.specs.get('lbaas-healthmonitors');
  const base = fixture.tables.get('lbaas-healthmonitors')?.base;
  if (!spec || !base) throw new Error('fixture not loaded');
  const answer = await send(fixture.mock.url, spec, base);
  expect(answer.status, answer.text).toBe(successStatus(spec));
}

describe('the mock under hostile input', () => {
  it.each([
    ['malformed JSON', '{"healthmonitor": {'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"healthmonitor"'],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['JSON with a comment (as the CloudBasic document writes)', '{"healthmonitor": {} // note\n}'],
  ])('answers %s with 400 and a Neutron error body', async (_, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toHaveProperty('NeutronError.message');
    await stillServes();
  });

  it.each([
    ['no Content-Type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['application/xml', { 'content-type': 'application/xml' }],
    ['application/json with a latin-1 charset', { 'content-type': 'application/json; charset=iso-8859-1' }],
  ])('refuses a JSON body sent with %s (400)', async (_, headers) => {
    const answer = await post('{"healthmonitor": {}}', headers as Record<string, string>);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Content-Type');
  });

  it('accepts application/json with a charset=utf-8 parameter', async () => {
    const base = fixture.tables.get('lbaas-healthmonitors')?.base;
    const answer = await post(JSON.stringify(base?.body), { 'content-type': 'application/json; charset=UTF-8' });
    expect(answer.status, answer.text).toBe(201);
  });

  it('answers a body over 1 MiB with 413 without reading it all, and keeps serving', async () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const answer = await post(huge);
    expect(answer.status).toBe(413);
    await stillServes();
  });

  it('answers a declared Content-Length over the limit with 413 at once', async () => {
    const answer = await rawExchange(
      fixture.mock.port,
      [postHead(LBAAS, { 'content-type': 'application/json', 'content-length': 50 * 1024 * 1024, 'x-auth-token': 'good-token' })],
      { holdOpen: true },
    );
    expect(answer.status).toBe(413);
  });

  it('refuses 100,000 levels of nesting with 400 (no stack overflow)', async () => {
    const answer = await post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('nests deeper');
    await stillServes();
  });

  it('refuses invalid UTF-8 with 400', async () => {
    const answer = await post(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('UTF-8');
  });

  it('answers an unknown path with 404 and a wrong method with 405, never a 5xx', async () => {
    const unknown = await request(`${fixture.mock.url}/v9/nothing`, { method: 'POST', body: '{}' });
    expect(unknown.statusCode).toBe(404);
    await unknown.body.text();
    const wrongMethod = await request(`${fixture.mock.url}${LBAAS}`, { method: 'DELETE' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    await wrongMethod.body.text();
  });

  it('answers a path with broken percent-encoding with 404', async () => {
    const answer = await rawExchange(fixture.mock.port, [postHead('/v1/%E0%A4%A/stacks', { 'content-type': 'application/json', 'content-length': 2 }), '{}']);
    expect(answer.status).toBe(404);
  });

  it('times a slow client out with 408 and keeps serving', async () => {
    const impatient = await startMock({ config: TEST_CONFIG, requestTimeoutMs: 300, headersTimeoutMs: 300 });
    try {
      const head = postHead(LBAAS, { 'content-type': 'application/json', 'content-length': 100, 'x-auth-token': 'good-token' });
      const answer = await rawExchange(impatient.port, [head, '{"healthmonitor":'], { holdOpen: true });
      expect(answer.closed).toBe(true);
      expect([408, undefined]).toContain(answer.status);
      const after = await request(`${impatient.url}${LBAAS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 'good-token' },
        body: '[]',
      });
      expect(after.statusCode).toBe(400);
      await after.body.text();
    } finally {
      await impatient.close();
    }
  });
});
