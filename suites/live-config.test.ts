import { fixturesFor } from './support/api-fixtures.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, PreflightError } from '../engine/errors.ts';
import { runWithReporters } from '../cli/run-with-reporters.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig, secretValues } from '../apis/config.ts';
import { conformanceAsync } from './support/cli-process.ts';
import { startFixedAnswer, type Misbehaving } from './support/misbehaving-servers.ts';

/**
 * Against a live target the suite sends only what the config gives: never the embedded mock's
 * token, SigV4 keys or fixtures. Secrets can stay out of the file (`${NAME}`), and the CloudBasic
 * private key is redacted like the other secrets.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'live-config-'));
const write = (name: string, config: object): string => {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
};
let recorder: Misbehaving | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

describe('${NAME} in the config file', () => {
  it('reads each named environment variable, in any string, and keeps $${ literal', () => {
    const file = write('interpolated.json', {
      auth: { token: '${MY_TOKEN}' },
      fixtures: { 'orchestration-stacks': { tenantId: 'tenant-${MY_SUFFIX}-$${NOT_A_VARIABLE}' } },
    });
    const config = loadConfig(file, { MY_TOKEN: 'secret-from-env', MY_SUFFIX: '7' });
    expect(config.auth.token).toBe('secret-from-env');
    expect(fixturesFor(config, 'orchestration-stacks').tenantId).toBe('tenant-7-${NOT_A_VARIABLE}');
  });

  it('names the variable that is not set, and where', () => {
    const file = write('unset.json', { auth: { token: '${NOT_SET_ANYWHERE}' } });
    expect(() => loadConfig(file, {})).toThrow(ConfigError);
    expect(() => loadConfig(file, {})).toThrow(/\/auth\/token names the environment variable NOT_SET_ANYWHERE, which is not set/);
  });

  it('records what the file and the environment gave, apart from the defaults', () => {
    const file = write('partial.json', { auth: { token: 'given' }, fixtures: { 'compute-servers': fixturesFor(DEFAULT_CONFIG, 'compute-servers') } });
    expect(loadConfig(file, {}).given).toEqual({ token: true, sigv4: false, fixtures: ['compute-servers'] });
    expect(loadConfig(undefined, { CONFORMANCE_SIGV4_ACCESS_KEY_ID: 'a', CONFORMANCE_SIGV4_SECRET_ACCESS_KEY: 'b' }).given).toEqual({
      token: false,
      sigv4: true,
      fixtures: [],
    });
  });

  it('counts the CloudBasic private key among the secrets', () => {
    const file = write('private-key.json', {
      fixtures: { 'cloudbasic-cluster': { ...fixturesFor(DEFAULT_CONFIG, 'cloudbasic-cluster'), privateKey: 'pk-very-secret' } },
    });
    expect(secretValues(loadConfig(file, {}))).toContain('pk-very-secret');
  });
});

describe('a live target gets nothing of the mock', () => {
  it('a target without a token or fixtures in the config: exit 2 naming the missing keys, with a snippet, and nothing sent', async () => {
    recorder = await startFixedAnswer(201, { 'content-type': 'application/json' }, '{}');
    const run = await conformanceAsync(['run', '--target', recorder.url, '--api', 'compute-servers', '--api', 'cloudbasic-cluster']);
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain("the embedded mock's defaults are never sent");
    expect(run.stderr).toContain('compute-servers: auth.token (or CONFORMANCE_AUTH_TOKEN), fixtures.compute-servers');
    expect(run.stderr).toContain('cloudbasic-cluster: auth.sigv4');
    expect(run.stderr).toContain('"compute-servers": { "projectId": "…", "flavorRef": "…", "imageRef": "…" }');
    expect(recorder.hits).toBe(0);
  });

  it('a config that gives one API: the others are refused until selected away with --api', async () => {
    recorder = await startFixedAnswer(401, { 'content-type': 'application/json' }, '{}');
    const config = write('one-api.json', { target: recorder.url, auth: { token: 'tok' }, fixtures: { 'orchestration-stacks': { tenantId: 't' } } });
    const all = await conformanceAsync(['run', '--config', config]);
    expect(all.status).toBe(2);
    expect(all.stderr).toContain('fixtures.lbaas-healthmonitors');
    expect(all.stderr).not.toContain('orchestration-stacks:');
    expect(recorder.hits).toBe(0);
    // Selected, the configured API runs: the target is asked (and its 401 stops the run at the preflight).
    const selected = await conformanceAsync(['run', '--config', config, '--api', 'orchestration-stacks', '--ledger', path.join(scratch, 'one.jsonl')]);
    expect(selected.status).toBe(2);
    expect(selected.stderr).toContain('answered 401');
    expect(recorder.hits).toBeGreaterThan(0);
  });
});

describe('extra headers per API', () => {
  it("sends the config's headers of an API with each of its requests; the credentials the suite computes win", async () => {
    const received: Record<string, string | string[] | undefined>[] = [];
    const server = createServer((request, response) => {
      received.push(request.headers);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const file = write('headers.json', {
        apis: { 'orchestration-stacks': { target: url, headers: { 'OpenStack-API-Version': 'orchestration 1.0', 'X-Auth-Token': 'not-this-one' } } },
        auth: { token: 'the-configured-token' },
        fixtures: { 'orchestration-stacks': { tenantId: 't' } },
      });
      const quiet = { write: () => undefined };
      const run = runWithReporters({
        config: loadConfig(file, {}),
        apis: ['orchestration-stacks'],
        seed: 1,
        runs: 0,
        strict: false,
        concurrency: 1,
        console: quiet,
        progress: quiet,
        showProgress: false,
      });
      await expect(run).rejects.toThrow(PreflightError);
      const posted = received.find((headers) => headers['content-type'] === 'application/json');
      expect(posted?.['openstack-api-version']).toBe('orchestration 1.0');
      expect(posted?.['x-auth-token']).toBe('the-configured-token');
    } finally {
      server.close();
    }
  });
});
