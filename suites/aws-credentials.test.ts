import { fixturesFor } from './support/api-fixtures.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAwsCredentialChain } from '../engine/sigv4/aws-credentials.ts';
import { DEFAULT_CONFIG, loadConfig } from '../apis/config.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import { conformanceAsync } from './support/cli-process.ts';

/**
 * CloudBasic's SigV4 keys from the standard AWS chain (the variables, else a profile of the
 * shared credentials file), temporary credentials included: the session token is sent as
 * X-Amz-Security-Token and the mock checks it. The config's auth.sigv4 still wins.
 */
const temporary = { accessKeyId: 'ASIACHAINTEST0000001', secretAccessKey: 'chain-SECRET-key', sessionToken: 'chain-SESSION-token/123+=' };
const scratch = mkdtempSync(path.join(tmpdir(), 'aws-chain-'));
let mock: RunningMock;
let config: string;

beforeAll(async () => {
  mock = await startMock({ config: { ...DEFAULT_CONFIG, auth: { ...DEFAULT_CONFIG.auth, sigv4: { ...DEFAULT_CONFIG.auth.sigv4, ...temporary } } } });
  config = path.join(scratch, 'config.json');
  writeFileSync(config, JSON.stringify({ target: mock.url, fixtures: { 'cloudbasic-cluster': fixturesFor(DEFAULT_CONFIG, 'cloudbasic-cluster') } }));
});
afterAll(async () => {
  await mock.close();
});

const run = (environment: NodeJS.ProcessEnv) =>
  conformanceAsync(['run', '--config', config, '--api', 'cloudbasic-cluster', '--runs', '2', '--seed', '4', '--ledger', path.join(scratch, 'ledger.jsonl')], {
    HOME: scratch,
    ...environment,
  });

describe('the AWS credential chain', () => {
  it('signs with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN: the mock verifies the signature and the token', async () => {
    const result = await run({
      AWS_ACCESS_KEY_ID: temporary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
      AWS_SESSION_TOKEN: temporary.sessionToken,
      AWS_REGION: 'us-east-1',
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('cloudbasic-cluster');
    for (const secret of Object.values(temporary)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('without the session token the mock refuses the temporary key: the preflight stops the run on 401', async () => {
    const result = await run({ AWS_ACCESS_KEY_ID: temporary.accessKeyId, AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('answered 401');
  });

  it('reads a profile of the shared credentials file (AWS_PROFILE)', async () => {
    const credentials = path.join(scratch, 'credentials');
    writeFileSync(
      credentials,
      `[ci]\naws_access_key_id = ${temporary.accessKeyId}\naws_secret_access_key = ${temporary.secretAccessKey}\naws_session_token = ${temporary.sessionToken}\n`,
    );
    const result = await run({ AWS_PROFILE: 'ci', AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it("lets the config's auth.sigv4 win over the chain", async () => {
    const file = path.join(scratch, 'with-sigv4.json');
    writeFileSync(file, JSON.stringify({ auth: { sigv4: DEFAULT_CONFIG.auth.sigv4 } }));
    const chained = await withAwsCredentialChain(loadConfig(file, {}), { AWS_ACCESS_KEY_ID: 'AKIDOTHER', AWS_SECRET_ACCESS_KEY: 'other' });
    expect(chained.auth.sigv4.accessKeyId).toBe(DEFAULT_CONFIG.auth.sigv4.accessKeyId);
  });
});
