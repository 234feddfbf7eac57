import { fixturesFor } from './support/api-fixtures.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import { CURL_VARIABLES } from '../runner/reproducer-curl.ts';
import { runWithReporters } from '../cli/run-with-reporters.ts';
import type { CaseResult } from '../engine/run/run-model.ts';

/**
 * Each reproducer curl, run as printed with its environment variables set, gets the status the
 * run recorded: the token as $CONFORMANCE_AUTH_TOKEN, SigV4 signed by curl (--aws-sigv4), the
 * deliberately wrong token as it was sent, the CloudBasic private key as $CLOUDBASIC_PRIVATE_KEY,
 * a session token as $AWS_SESSION_TOKEN.
 * No secret is printed in any of them.
 */
const run = promisify(execFile);
// Temporary credentials: a session token the mock checks and every curl sends as "$AWS_SESSION_TOKEN".
const secrets = {
  token: 'tok-curl-SECRET-5e1d',
  accessKeyId: 'ASIACURLSECRET000001',
  secretAccessKey: 'curl-SECRET-access-key',
  sessionToken: 'curl-SESSION/token+abc=',
  privateKey: 'pk-curl-SECRET+0ujFhnd2yh4E3ami',
};
const config: ConformanceConfig = {
  ...DEFAULT_CONFIG,
  auth: {
    token: secrets.token,
    sigv4: { ...DEFAULT_CONFIG.auth.sigv4, accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey, sessionToken: secrets.sessionToken },
  },
  fixtures: { ...DEFAULT_CONFIG.fixtures, 'cloudbasic-cluster': { ...fixturesFor(DEFAULT_CONFIG, 'cloudbasic-cluster'), privateKey: secrets.privateKey } },
};
const environment = {
  PATH: process.env.PATH,
  [CURL_VARIABLES.token]: secrets.token,
  [CURL_VARIABLES.accessKeyId]: secrets.accessKeyId,
  [CURL_VARIABLES.secretAccessKey]: secrets.secretAccessKey,
  [CURL_VARIABLES.sessionToken]: secrets.sessionToken,
  [CURL_VARIABLES.privateKey]: secrets.privateKey,
};

let mock: RunningMock;
let results: CaseResult[] = [];
beforeAll(async () => {
  mock = await startMock({ config });
  const json = path.join(mkdtempSync(path.join(tmpdir(), 'curl-')), 'results.json');
  const quiet = { write: () => undefined };
  await runWithReporters({
    config,
    apis: ['lbaas-healthmonitors', 'cloudbasic-cluster'],
    target: mock.url,
    seed: 1,
    runs: 1,
    strict: false,
    json,
    concurrency: 4,
    console: quiet,
    progress: quiet,
    showProgress: false,
    cleanup: false,
  });
  results = (JSON.parse(readFileSync(json, 'utf8')) as { results: CaseResult[] }).results;
});
afterAll(async () => {
  await mock.close();
});

/**
 * The status a curl command gets, run by bash as printed (the mock answers in this process: never
 * block it). --norc: bash takes Node's socket stdin for a remote shell's and would source
 * ~/.bashrc (here `pyenv init`, half a second per curl).
 */
async function statusOf(curl: string): Promise<number> {
  const { stdout } = await run('bash', ['--norc', '-c', `${curl} -s --max-time 10 -o /dev/null -w '%{http_code}'`], { env: environment });
  return Number(stdout);
}

describe('the reproducer curl of every case', () => {
  it('covers each kind of credentials: the configured token, none, a wrong token, SigV4, a wrong and an expired signature', () => {
    const kinds = new Set(
      results.map((result) => (result.curl.includes('--aws-sigv4') ? 'sigv4' : result.curl.includes(`$${CURL_VARIABLES.token}`) ? 'token' : result.caseId)),
    );
    expect(kinds.has('sigv4') && kinds.has('token')).toBe(true);
    for (const id of [
      'lbaas-healthmonitors/auth-token-valid#negative-1',
      'lbaas-healthmonitors/auth-token-valid#negative-2',
      'cloudbasic-cluster/sigv4-authenticated#negative-2',
    ]) {
      expect(results.map((result) => result.caseId)).toContain(id);
    }
  });

  it('prints no secret: the curls name environment variables instead', () => {
    const curls = results.map((result) => result.curl).join('\n');
    for (const secret of Object.values(secrets)) expect(curls).not.toContain(secret);
    expect(curls).toContain(`"$${CURL_VARIABLES.privateKey}"`);
    expect(curls).toContain(`"$${CURL_VARIABLES.accessKeyId}:$${CURL_VARIABLES.secretAccessKey}"`);
  });

  it('run as printed, each gets the status the run recorded', async () => {
    const mismatches: string[] = [];
    for (const result of results) {
      const status = await statusOf(result.curl);
      if (status !== result.response?.status) mismatches.push(`${result.caseId}: recorded ${result.response?.status}, curl got ${status}: ${result.curl}`);
    }
    expect(results.length).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });
});
