import { fixturesFor } from './support/api-fixtures.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { SECRET_ENVIRONMENT } from '../engine/config/config-model.ts';
import { wrongToken } from '../runner/request-credentials.ts';
import { REDACTED } from '../runner/redaction.ts';
import { startHostileTarget, type HostileTarget } from './support/hostile-target.ts';

/**
 * A target that echoes every credential it gets (in headers and bodies, as text and as JSON, and
 * the bare signature as S3's SignatureDoesNotMatch does): no credential may reach the HTML report,
 * the JUnit XML, the JSON results, stdout or stderr, whether it came from the file or the environment.
 */

interface Secrets {
  token: string;
  accessKeyId: string;
  secretAccessKey: string;
  privateKey: string;
}

interface SecretSource {
  name: string;
  secrets: Secrets;
  configFile(target: string): object;
  environment: NodeJS.ProcessEnv;
}

const SIGV4_SCOPE = { region: 'us-east-1', service: 'cloudbasic' };
const SESSION_TOKEN = 'sess-SECRET-FILE/5e6f7a8b+9c0d=';

const IN_FILE: Secrets = {
  token: 'tok-SECRET-4f1c9e2d7a',
  accessKeyId: 'AKIDSECRETFILE4F1C9E',
  secretAccessKey: 'sak-SECRET-9b8a7c6d5e4f3a2b1c0d',
  privateKey: 'pk-SECRET-FILE+IgMDJSP9OwK5M0ujFhnd',
};
const IN_ENVIRONMENT: Secrets = {
  token: 'tok-ENVSECRET-8d2e6b0c3f',
  accessKeyId: 'AKIDSECRETENV8D2E6B0',
  secretAccessKey: 'sak-ENVSECRET-1a2b3c4d5e6f7a8b9c0d',
  privateKey: 'pk-SECRET-ENV+3amiMLeXXXXXXXXFYBH',
};

/** The fixtures of every API (a live target gets only what the config gives), with CloudBasic's private key, a secret. */
const fixtures = (privateKey: string) => ({
  ...DEFAULT_CONFIG.fixtures,
  'cloudbasic-cluster': { ...fixturesFor(DEFAULT_CONFIG, 'cloudbasic-cluster'), privateKey },
});

const SOURCES: SecretSource[] = [
  {
    name: 'the config file',
    secrets: IN_FILE,
    // Temporary SigV4 credentials: the session token is a secret too.
    configFile: (target) => ({
      target,
      auth: {
        token: IN_FILE.token,
        sigv4: { accessKeyId: IN_FILE.accessKeyId, secretAccessKey: IN_FILE.secretAccessKey, sessionToken: SESSION_TOKEN, ...SIGV4_SCOPE },
      },
      fixtures: fixtures(IN_FILE.privateKey),
    }),
    environment: {},
  },
  {
    name: 'the environment',
    secrets: IN_ENVIRONMENT,
    // The private key through ${NAME} interpolation: the config file names the variable, never the value.
    configFile: (target) => ({ target, fixtures: fixtures('${CONFORMANCE_TEST_PRIVATE_KEY}') }),
    environment: {
      CONFORMANCE_TEST_PRIVATE_KEY: IN_ENVIRONMENT.privateKey,
      [SECRET_ENVIRONMENT.token]: IN_ENVIRONMENT.token,
      [SECRET_ENVIRONMENT.accessKeyId]: IN_ENVIRONMENT.accessKeyId,
      [SECRET_ENVIRONMENT.secretAccessKey]: IN_ENVIRONMENT.secretAccessKey,
    },
  },
];

/** Where a value occurs in one output, with a little context to find the leak. */
function occurrence(output: string, text: string, value: string): string {
  const at = text.indexOf(value);
  const count = text.split(value).length - 1;
  return `${output} holds ${JSON.stringify(value)} ${count}×, first at …${text.slice(Math.max(0, at - 100), at + value.length + 20)}…`;
}

/** Every (output, value) pair where a secret value appears. */
function leaksOf(outputs: Record<string, string>, values: string[]): string[] {
  const distinct = [...new Set(values)];
  return Object.entries(outputs).flatMap(([output, text]) => distinct.filter((value) => text.includes(value)).map((value) => occurrence(output, text, value)));
}

function describeLeaks(leaks: string[]): string {
  return `${leaks.length} leak(s):\n${leaks.slice(0, 8).join('\n')}${leaks.length > 8 ? `\n… and ${leaks.length - 8} more` : ''}`;
}

interface ResultsFile {
  results: { request: { header: Record<string, string> }; response?: { headers: Record<string, string> } }[];
}

describe.each(SOURCES)('secrets given in $name never appear in any output', (source) => {
  let target: HostileTarget;
  let dir: string;
  let run: CliRun;
  let outputs: Record<string, string>;
  let results: ResultsFile;

  beforeAll(async () => {
    target = await startHostileTarget();
    dir = mkdtempSync(path.join(tmpdir(), 'report-secrets-'));
    const files = { html: path.join(dir, 'r.html'), junit: path.join(dir, 'r.xml'), json: path.join(dir, 'r.json'), config: path.join(dir, 'config.json') };
    writeFileSync(files.config, JSON.stringify(source.configFile(target.url)));
    const args = [
      'run',
      '--config',
      files.config,
      '--seed',
      '5',
      '--runs',
      '1',
      '--concurrency',
      '32',
      '--report',
      files.html,
      '--junit',
      files.junit,
      '--json',
      files.json,
    ];
    run = await conformanceAsync(args, source.environment);
    outputs = {
      'the HTML report': readFileSync(files.html, 'utf8'),
      'the JUnit XML': readFileSync(files.junit, 'utf8'),
      'the JSON results': readFileSync(files.json, 'utf8'),
      stdout: run.stdout,
      stderr: run.stderr,
    };
    results = JSON.parse(outputs['the JSON results'] as string) as ResultsFile;
  }, 120_000);

  afterAll(async () => {
    await target?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sent the secrets to the echoing target (exit 1: it conforms to nothing)', () => {
    expect(run.status, run.stderr).toBe(1);
    expect([...target.received.tokens]).toEqual(expect.arrayContaining([source.secrets.token, wrongToken(source.secrets.token)]));
    expect(target.signatures().length).toBeGreaterThan(1);
    expect([...target.received.authorizations].some((value) => value.includes(`Credential=${source.secrets.accessKeyId}/`))).toBe(true);
  });

  it('no output holds the token, nor any X-Auth-Token the target received but the deliberately wrong one (no secret)', () => {
    const leaks = leaksOf(outputs, [source.secrets.token, ...[...target.received.tokens].filter((token) => token !== wrongToken(source.secrets.token))]);
    expect(leaks.length, describeLeaks(leaks)).toBe(0);
  });

  it('no output holds the CloudBasic private key, though every CloudBasic request carried it', () => {
    expect([...target.received.bodies].some((body) => body.includes(source.secrets.privateKey))).toBe(true);
    const leaks = leaksOf(outputs, [source.secrets.privateKey]);
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it.runIf(source.name === 'the config file')('no output holds the SigV4 session token', () => {
    const leaks = leaksOf(outputs, [SESSION_TOKEN]);
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it('no output holds the SigV4 secret access key', () => {
    const leaks = leaksOf(outputs, [source.secrets.secretAccessKey]);
    expect(leaks.length, describeLeaks(leaks)).toBe(0);
  });

  it('no output holds any SigV4 signature the target received', () => {
    const leaks = leaksOf(outputs, target.signatures());
    expect(leaks.length, describeLeaks(leaks)).toBe(0);
  });

  it('no output holds the SigV4 access key id (README: the SigV4 keys are redacted everywhere)', () => {
    const leaks = leaksOf(outputs, [source.secrets.accessKeyId]);
    expect(leaks.length, describeLeaks(leaks)).toBe(0);
  });

  it('shows every credential header the suite sent as redacted, the wrong token and signatures too', () => {
    const sent = results.results.map((result) => result.request.header);
    const tokens = sent.flatMap((header) => (header['x-auth-token'] === undefined ? [] : [header['x-auth-token']]));
    const authorizations = sent.flatMap((header) => (header.authorization === undefined ? [] : [header.authorization]));
    expect(tokens.length).toBeGreaterThan(10);
    expect(new Set(tokens)).toEqual(new Set([REDACTED]));
    expect(authorizations.length).toBeGreaterThan(1);
    for (const authorization of authorizations) {
      expect(authorization).toContain(`Credential=${REDACTED}`);
      expect(authorization).toContain(`Signature=${REDACTED}`);
    }
  });

  it('shows the echoed credentials redacted, so the scans above are not vacuous', () => {
    const echoed = results.results.flatMap((result) => (result.response ? [result.response.headers] : []));
    expect(echoed.some((headers) => headers['x-echo-token'] === REDACTED)).toBe(true);
    // The deliberately wrong token is no secret (it tells nothing of the real one): shown as sent, so its curl reproduces the 401.
    expect(echoed.some((headers) => headers['x-echo-token'] === wrongToken(source.secrets.token))).toBe(true);
    expect(echoed.some((headers) => headers['x-echo-authorization']?.includes(`Signature=${REDACTED}`))).toBe(true);
    expect(outputs['the JSON results']).toContain(`echo token: ${REDACTED}`);
    const escaped = '&lt;redacted&gt;';
    expect(outputs['the HTML report']).toContain(`x-echo-token: ${escaped}`);
    expect(outputs['the HTML report']).toContain(`Signature=${escaped}`);
    expect(outputs['the JUnit XML']).toContain(`x-echo-token: ${escaped}`);
    expect(outputs.stdout).toContain(`echo token: ${REDACTED}`);
  });
});
