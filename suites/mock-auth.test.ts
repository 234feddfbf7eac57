import { describe, expect, it } from 'vitest';
import type { ApiName } from '../engine/api-name.ts';
import { expectedStatuses } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { send, successStatus } from './support/mock-client.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';

const TOKEN_APIS: ApiName[] = ['cloud-databases-ha', 'lbaas-healthmonitors', 'compute-servers', 'orchestration-stacks'];
const fixture = useMock();

function authStatuses(api: ApiName): number[] {
  const spec = fixture.specs.get(api);
  const requirement = spec?.requirements.find((candidate) => candidate.rule?.kind === 'authenticated');
  return requirement ? expectedStatuses(requirement) : [];
}

function withHeader(base: RequestDocument, name: string, value: string | undefined): RequestDocument {
  const header = { ...base.header };
  if (value === undefined) delete header[name];
  else header[name] = value;
  return { ...base, header };
}

describe.each(TOKEN_APIS)('%s X-Auth-Token', (api) => {
  const cases: [string, string | undefined][] = [
    ['no token', undefined],
    ['a wrong token', 'not-the-token'],
    ['an empty token', ''],
    ['the token in other letter case', 'GOOD-TOKEN'],
    ['the token with a suffix', 'good-token2'],
  ];
  it.each(cases)('refuses %s with the documented status', async (_, token) => {
    const spec = fixture.specs.get(api);
    const base = fixture.tables.get(api)?.base;
    if (!spec || !base) throw new Error('fixture not loaded');
    fixture.mock.reset();
    const answer = await send(fixture.mock.url, spec, withHeader(base, 'x-auth-token', token));
    expect(authStatuses(api)).toContain(answer.status);
    expect(fixture.mock.state[api]!.createdCount).toBe(0);
  });

  it('accepts the configured token', async () => {
    const spec = fixture.specs.get(api);
    const base = fixture.tables.get(api)?.base;
    if (!spec || !base) throw new Error('fixture not loaded');
    fixture.mock.reset();
    const answer = await send(fixture.mock.url, spec, withHeader(base, 'x-auth-token', TEST_CONFIG.auth.token));
    expect(answer.status, answer.text).toBe(successStatus(spec));
  });
});

describe('cloudbasic-cluster SigV4', () => {
  const api: ApiName = 'cloudbasic-cluster';
  const sigv4 = TEST_CONFIG.auth.sigv4;

  async function attempt(options: Parameters<typeof send>[3], edit: (request: RequestDocument) => RequestDocument = (r) => r) {
    const spec = fixture.specs.get(api);
    const base = fixture.tables.get(api)?.base;
    if (!spec || !base) throw new Error('fixture not loaded');
    fixture.mock.reset();
    return send(fixture.mock.url, spec, edit(base), options);
  }

  it('accepts a request signed with the configured keys', async () => {
    const answer = await attempt({ sigv4 });
    expect(answer.status, answer.text).toBe(200);
  });

  it.each([
    ['unsigned (no Authorization)', { sign: false }, (r: RequestDocument) => withHeader(r, 'authorization', undefined)],
    ['signed with the wrong secret', { sigv4: { ...sigv4, secretAccessKey: 'wrong-secret' } }, undefined],
    ['signed with an unknown access key', { sigv4: { ...sigv4, accessKeyId: 'AKIDUNKNOWN000000000' } }, undefined],
    ['signed 20 minutes ago (expired)', { sigv4, now: new Date(Date.now() - 20 * 60_000) }, undefined],
    ['signed for another region', { sigv4: { ...sigv4, region: 'eu-west-1' } }, undefined],
    ['with a malformed Authorization header', { sign: false }, (r: RequestDocument) => withHeader(r, 'authorization', 'AWS4-HMAC-SHA256 garbage')],
  ] as const)('refuses a request %s', async (_, options, edit) => {
    const answer = await attempt(options, edit);
    expect(authStatuses(api)).toContain(answer.status);
    expect(fixture.mock.state[api]!.createdCount).toBe(0);
  });

  it('never puts the secret key in an answer', async () => {
    const answer = await attempt({ sigv4: { ...sigv4, secretAccessKey: 'wrong-secret' } });
    expect(answer.text).not.toContain(sigv4.secretAccessKey);
    expect(answer.text).not.toContain('wrong-secret');
  });
});
