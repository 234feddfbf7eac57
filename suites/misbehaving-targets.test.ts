import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quietRunOptions } from './support/quiet-run-options.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { ConformanceError, TargetUnreachableError } from '../engine/errors.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { startMock } from '../mock/mock-server.ts';
import { runChecks } from '../runner/checks.ts';
import { createDispatcher, exchange, type ExchangeLimits, type ExchangeOutcome } from '../runner/http-exchange.ts';
import { exchangeHonouringRetryAfter, parseRetryAfter, throttledCheck, type RetryPolicy } from '../runner/retry-after.ts';
import { runWithReporters, type ReportedRunOptions } from '../cli/run-with-reporters.ts';
import type { CaseResult, ObservedResponse, PlannedCase } from '../engine/run/run-model.ts';
import { classifyReachability } from '../runner/target-errors.ts';
import { readCaFile, type TlsOptions } from '../runner/tls-options.ts';
import { describeTransportFailure } from '../runner/transport-failure.ts';
import { closedPort } from './support/closed-port.ts';
import {
  generateSelfSignedCertificate,
  HTML_BODY,
  INVALID_UTF8_BODY,
  startFixedAnswer,
  startHttpsTarget,
  startHugeBody,
  startInvalidUtf8,
  startNonJson,
  startRedirect,
  startResetMidBody,
  startSilentTarget,
  startSometimesSilentTarget,
  startStalledBody,
  startThrottling,
  startTlsTerminator,
  startTricklingBody,
  startTruncatedJson,
  TRUNCATED_JSON,
  type Misbehaving,
  type SelfSignedCertificate,
} from './support/misbehaving-servers.ts';

/**
 * Broken targets become clear verdicts, never a hang or a crash. Each test starts a small
 * target on 127.0.0.1 that misbehaves in one way (suites/support/misbehaving-servers.ts).
 * About the exchange alone: exchange() and exchangeHonouringRetryAfter() with small limits.
 * About the run: runWithReporters(), as the CLI calls it (a ConformanceError with code
 * CONF_TARGET_UNREACHABLE is the CLI's exit 2).
 */

const LIMITS: ExchangeLimits = { timeoutMs: 300, maxBodyBytes: 64 * 1024 };
const POST = (url: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  url: new URL(`${url}/v2.0/lbaas/healthmonitors`),
  headers: { 'content-type': 'application/json', ...headers },
  body: '{"healthmonitor": {}}',
});

function failure(outcome: ExchangeOutcome) {
  if (!('error' in outcome)) throw new Error(`expected a transport failure, got status ${outcome.response.status}`);
  return outcome;
}

function answer(outcome: ExchangeOutcome): ObservedResponse {
  if ('error' in outcome) throw new Error(`expected an answer, got: ${outcome.error}`);
  return outcome.response;
}

// A valid request of lbaas-healthmonitors: a conforming target answers 201 with a body valid against the response schema.
const spec = await loadSpec('lbaas-healthmonitors');
const validate = createSchemaValidator(spec);
const positiveCase: PlannedCase = {
  id: 'lbaas-healthmonitors/max-retries-range#positive-1',
  api: spec.api,
  requirementId: 'lbaas-healthmonitors/max-retries-range',
  polarity: 'positive',
  origin: 'boundary',
  level: 'explicit',
  description: 'a valid request',
  request: { method: 'POST', path: {}, header: {} },
  expectedStatuses: [201],
};
const failedChecks = (response: ObservedResponse) => runChecks({ spec, validate, testCase: positiveCase, response }).filter((check) => !check.passed);

/** A fresh dispatcher for each test, and the misbehaving server a test starts, closed after it. */
function exchangeFixture(): { dispatcher: Dispatcher; target: Misbehaving | undefined } {
  const fixture = { target: undefined } as { dispatcher: Dispatcher; target: Misbehaving | undefined };
  beforeEach(() => void (fixture.dispatcher = createDispatcher(2, LIMITS)));
  afterEach(async () => {
    await fixture.target?.close();
    fixture.target = undefined;
    await fixture.dispatcher.destroy();
  });
  return fixture;
}

describe('exchange() against a target that cannot be reached', () => {
  let dispatcher: Dispatcher;
  beforeEach(() => void (dispatcher = createDispatcher(2, LIMITS)));
  afterEach(async () => dispatcher.destroy());

  it('says connection refused with the address, and the reachability probe calls it unreachable', async () => {
    const port = await closedPort();
    const outcome = failure(await exchange(dispatcher, POST(`http://127.0.0.1:${port}`), LIMITS));
    expect(outcome).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
    expect(outcome.error).toContain(`127.0.0.1:${port}`);
    const unreachable = classifyReachability(`http://127.0.0.1:${port}`, outcome);
    expect(unreachable).toBeInstanceOf(TargetUnreachableError);
    expect(unreachable?.code).toBe('CONF_TARGET_UNREACHABLE');
    expect(unreachable?.message).toMatch(new RegExp(`^cannot reach the target http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
    expect(unreachable?.hint).toMatch(/port/);
  });

  it('says a DNS failure with the host name', async () => {
    const outcome = failure(await exchange(dispatcher, POST('http://no-such-host.invalid'), LIMITS));
    expect(outcome.kind).toBe('dns');
    expect(outcome.code).toMatch(/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME)$/);
    expect(outcome.error).toContain('no-such-host.invalid');
    expect(classifyReachability('http://no-such-host.invalid', outcome)?.hint).toMatch(/does not resolve/);
  });
});

describe('exchange() against a target that never answers, or not all of it', () => {
  const fixture = exchangeFixture();

  it('fails a request that gets no answer as a timeout, which is not "unreachable" (the run goes on)', async () => {
    fixture.target = await startSilentTarget();
    const outcome = failure(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(outcome).toEqual({ kind: 'timeout', code: 'CONF_HEADERS_TIMEOUT', error: 'timeout: no answer within 300 ms (CONF_HEADERS_TIMEOUT)' });
    expect(classifyReachability(fixture.target.url, outcome)).toBeUndefined();
  });

  it('fails a body that stops coming as a timeout, saying how much had come', async () => {
    fixture.target = await startStalledBody();
    const outcome = failure(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    // undici's gap timeout and the suite's whole-body bound are both 300 ms here: either may say it first.
    expect(outcome.kind).toBe('timeout');
    expect(outcome.code).toMatch(/^(UND_ERR_BODY_TIMEOUT|CONF_BODY_TIMEOUT)$/);
    expect(outcome.error).toMatch(/^timeout: the body did not arrive within 300 ms after status 201 and 18 bytes of body/);
  });

  it('bounds the whole body, not only the gaps: a trickle that never ends fails as a timeout', async () => {
    fixture.target = await startTricklingBody(50);
    const outcome = failure(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(outcome).toMatchObject({ kind: 'timeout', code: 'CONF_BODY_TIMEOUT' });
    expect(outcome.error).toMatch(/^timeout: the body did not arrive within 300 ms after status 201/);
  });

  it('fails a connection reset mid-body with the cause and what had come', async () => {
    fixture.target = await startResetMidBody();
    const outcome = failure(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(outcome.kind).toBe('reset');
    expect(outcome.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(outcome.error).toMatch(/^connection closed before the answer was complete after status 201/);
    expect(outcome.error).toContain(outcome.code);
    expect(classifyReachability(fixture.target.url, outcome)).toBeUndefined();
  });

  it('reports an abort by the caller (the run deadline) as such, whatever the abort reason', async () => {
    fixture.target = await startSilentTarget();
    const controller = new AbortController();
    const pending = exchange(fixture.dispatcher, POST(fixture.target.url), { ...LIMITS, timeoutMs: 30_000 }, controller.signal);
    // Abort once the request is there: the target has seen it.
    await fixture.target.arrived;
    controller.abort('deadline');
    const outcome = failure(await pending);
    expect(outcome).toMatchObject({ kind: 'aborted' });
    expect(outcome.error).toContain('deadline');
  });
});

describe('exchange() against a target whose 2xx body is broken', () => {
  const fixture = exchangeFixture();

  it('judges truncated JSON on a 201 as an answer whose body is not JSON, saying why', async () => {
    fixture.target = await startTruncatedJson();
    const response = answer(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(response).toMatchObject({ status: 201, bodyExcerpt: TRUNCATED_JSON, bodyTruncated: false });
    expect(response.json).toBeUndefined();
    expect(response.jsonError).toMatch(/JSON/);
    const failed = failedChecks(response);
    expect(failed.length).toBeGreaterThan(0);
    for (const check of failed) {
      expect(check.check).toBe('response_schema_conformance');
      expect(check.message).toMatch(/^the body is not JSON: .*JSON.* \(sent as application\/json\)$/);
    }
  });

  it("judges an HTML page on a 201 as not JSON, with the parser's reason", async () => {
    fixture.target = await startNonJson();
    const response = answer(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(response).toMatchObject({ status: 201, bodyExcerpt: HTML_BODY });
    expect(response.json).toBeUndefined();
    const failed = failedChecks(response);
    expect(failed.map((check) => check.check)).toContain('response_schema_conformance');
    expect(failed.find((check) => check.check === 'response_schema_conformance')?.message).toMatch(/^the body is not JSON: Unexpected token '<'/);
  });

  it('says an empty 201 body is empty', async () => {
    fixture.target = await startFixedAnswer(201, { 'content-type': 'application/json' }, '');
    const response = answer(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(response.jsonError).toBe('it is empty');
    expect(failedChecks(response).find((check) => check.check === 'response_schema_conformance')?.message).toBe(
      'the body is not JSON: it is empty (sent as application/json)',
    );
  });

  it('reads at most maxBodyBytes of a 50 MB body, closes the connection instead of draining it, and judges the prefix', async () => {
    const huge = await startHugeBody(50 * 1024 * 1024);
    fixture.target = huge;
    const response = answer(await exchange(fixture.dispatcher, POST(huge.url), LIMITS));
    expect(response).toMatchObject({ status: 201, bodyTruncated: true, bodyCutAt: LIMITS.maxBodyBytes });
    expect(response.bodyExcerpt.length).toBe(2000);
    expect(response.json).toBeUndefined();
    const gone = await huge.clientGone;
    // The client went away long before the end: what the target managed to write is the
    // suite's 64 KiB plus what the kernel's socket buffers held, far from 50 MB.
    expect(gone.complete).toBe(false);
    expect(gone.written).toBeLessThan(huge.size / 4);
    expect(failedChecks(response).find((check) => check.check === 'response_schema_conformance')?.message).toMatch(
      /^the body is not JSON the suite could check: it is longer than the 65536 bytes the suite reads/,
    );
  });

  it('decodes a body that is not UTF-8 with U+FFFD, flags it, and does not take it for JSON', async () => {
    fixture.target = await startInvalidUtf8();
    const response = answer(await exchange(fixture.dispatcher, POST(fixture.target.url), LIMITS));
    expect(response.status).toBe(201);
    expect(response.bodyInvalidUtf8).toBe(true);
    expect(response.bodyExcerpt).toContain('\uFFFD');
    expect(response.bodyExcerpt).toBe(INVALID_UTF8_BODY.toString('utf8'));
    expect(response.json).toBeUndefined();
    expect(failedChecks(response).find((check) => check.check === 'response_schema_conformance')?.message).toMatch(
      /^the body is not JSON: it is not valid UTF-8/,
    );
  });

  it('does not call a multi-byte character split by the cut invalid UTF-8', async () => {
    const body = Buffer.from(`"${'é'.repeat(1000)}"`);
    fixture.target = await startFixedAnswer(201, { 'content-type': 'application/json' }, body);
    const response = answer(await exchange(fixture.dispatcher, POST(fixture.target.url), { ...LIMITS, maxBodyBytes: 102 }));
    expect(response.bodyCutAt).toBe(102);
    expect(response.bodyInvalidUtf8).toBeUndefined();
    expect(response.bodyExcerpt).toBe(`"${'é'.repeat(50)}`);
  });

  it('does not follow a redirect, to another origin or anywhere: the 302 itself is judged', async () => {
    const redirect = await startRedirect(302);
    fixture.target = redirect;
    const response = answer(await exchange(fixture.dispatcher, POST(redirect.url), LIMITS));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${redirect.elsewhere.url}/stolen?from=redirect`);
    expect(redirect.hits).toBe(1);
    expect(redirect.elsewhere.hits).toBe(0);
    const status = failedChecks(response).find((check) => check.check === 'status_conformance');
    expect(status?.message).toBe('expected 201, got 302');
  });
});

describe('Retry-After on a 429 or 503', () => {
  const fixture = exchangeFixture();

  /** A `send` that rebuilds its request each time (numbered X-Attempt), as the run re-signs. */
  function sender(url: string, signal?: AbortSignal): () => Promise<ExchangeOutcome> {
    let attempt = 0;
    return () => exchange(fixture.dispatcher, POST(url, { 'x-attempt': String((attempt += 1)) }), LIMITS, signal);
  }
  const POLICY: RetryPolicy = { maxRetries: 3, maxWaitMs: 2_000 };

  it.each([429, 503] as const)("waits the %i's Retry-After: 1 and sends a rebuilt request again, which succeeds", async (status) => {
    const throttling = await startThrottling({ status, retryAfter: '1', throttled: 1 });
    fixture.target = throttling;
    const outcome = await exchangeHonouringRetryAfter(sender(throttling.url), POLICY);
    expect(answer(outcome).status).toBe(201);
    expect(outcome.throttled).toBeUndefined();
    expect(outcome.retried).toEqual({ count: 1, waitedMs: 1000 });
    expect(throttling.attempts).toEqual(['1', '2']);
    // The wait is a real timer (1 s); allow for its coarseness.
    expect((throttling.arrivals[1] ?? 0) - (throttling.arrivals[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("honours an HTTP-date Retry-After, relative to the answer's own Date", async () => {
    const now = new Date();
    const throttling = await startThrottling({
      status: 503,
      retryAfter: new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000).toUTCString(),
      date: now.toUTCString(),
      throttled: 1,
    });
    fixture.target = throttling;
    const outcome = await exchangeHonouringRetryAfter(sender(throttling.url), POLICY);
    expect(answer(outcome).status).toBe(201);
    expect(outcome.retried).toEqual({ count: 1, waitedMs: 1000 });
  });

  it('does not wait for a Retry-After: 3600 beyond the bound: the 429 comes back at once, noted as throttled', async () => {
    const throttling = await startThrottling({ status: 429, retryAfter: '3600', throttled: Number.POSITIVE_INFINITY });
    fixture.target = throttling;
    const outcome = await exchangeHonouringRetryAfter(sender(throttling.url), { maxRetries: 3, maxWaitMs: 30_000 });
    expect(answer(outcome).status).toBe(429);
    expect(throttling.hits).toBe(1);
    expect(outcome.throttled).toEqual({
      status: 429,
      retryAfter: '3600',
      retryAfterMs: 3_600_000,
      retries: 0,
      waitedMs: 0,
      reason: 'beyond-bound',
      message: "429 with Retry-After 3600 s, beyond the suite's 30 s bound: not retried",
    });
    expect(throttledCheck(positiveCase.requirementId, positiveCase.expectedStatuses, outcome)).toEqual([
      {
        check: 'throttled',
        requirementId: positiveCase.requirementId,
        passed: false,
        message: "429 with Retry-After 3600 s, beyond the suite's 30 s bound: not retried",
      },
    ]);
  });

  it('gives up after maxRetries, and says so', async () => {
    const throttling = await startThrottling({ status: 429, retryAfter: '0', throttled: Number.POSITIVE_INFINITY });
    fixture.target = throttling;
    const outcome = await exchangeHonouringRetryAfter(sender(throttling.url), { maxRetries: 2, maxWaitMs: 1_000 });
    expect(throttling.attempts).toEqual(['1', '2', '3']);
    expect(outcome.throttled).toMatchObject({
      reason: 'retries-exhausted',
      retries: 2,
      message: '429 with Retry-After 0 s still, after 2 retries (0 s waited)',
    });
  });

  it('does not retry a 429 without Retry-After (noted), nor a 503 without one (a plain server error)', async () => {
    const throttling = await startThrottling({ status: 429, throttled: Number.POSITIVE_INFINITY });
    fixture.target = throttling;
    const outcome = await exchangeHonouringRetryAfter(sender(throttling.url), POLICY);
    expect(throttling.hits).toBe(1);
    expect(outcome.throttled?.reason).toBe('no-retry-after');
    await throttling.close();
    const unavailable = await startThrottling({ status: 503, throttled: Number.POSITIVE_INFINITY });
    fixture.target = unavailable;
    const plain = await exchangeHonouringRetryAfter(sender(unavailable.url), POLICY);
    expect(answer(plain).status).toBe(503);
    expect(plain.throttled).toBeUndefined();
    expect(unavailable.hits).toBe(1);
  });

  it('stops waiting at once when the run is aborted', async () => {
    const throttling = await startThrottling({ status: 429, retryAfter: '1', throttled: Number.POSITIVE_INFINITY });
    fixture.target = throttling;
    const controller = new AbortController();
    const send = sender(throttling.url, controller.signal);
    const outcome = await exchangeHonouringRetryAfter(
      async () => {
        const sent = await send();
        // The wait starts as soon as this answer is back: abort during it.
        setImmediate(() => controller.abort('deadline'));
        return sent;
      },
      POLICY,
      controller.signal,
    );
    // Only a cancelled wait says this: had the wait run its course, the next send would have failed as "aborted … before the answer".
    expect(failure(outcome)).toMatchObject({ kind: 'aborted' });
    expect(failure(outcome).error).toMatch(/^aborted \(deadline\) while waiting 1 s as a 429's Retry-After asked/);
    expect(throttling.hits).toBe(1);
  });

  it('parses delta-seconds and HTTP-dates, and refuses anything else', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:30 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('TLS: self-signed endpoints, --ca FILE and --insecure', () => {
  let certificate: SelfSignedCertificate;
  let otherHost: SelfSignedCertificate;
  beforeAll(() => {
    certificate = generateSelfSignedCertificate('127.0.0.1');
    otherHost = generateSelfSignedCertificate('127.0.0.2');
  });
  afterAll(() => {
    certificate?.remove();
    otherHost?.remove();
  });

  let target: Misbehaving | undefined;
  let dispatcher: Dispatcher | undefined;
  afterEach(async () => {
    await dispatcher?.destroy();
    await target?.close();
    target = undefined;
    dispatcher = undefined;
  });
  async function get(url: string, tls?: TlsOptions): Promise<ExchangeOutcome> {
    dispatcher = createDispatcher(1, LIMITS, tls);
    return exchange(dispatcher, { method: 'GET', url: new URL(url), headers: {}, body: undefined }, LIMITS);
  }

  it('refuses a self-signed certificate by default: unreachable, naming the target and the cause, hinting --ca and --insecure', async () => {
    target = await startHttpsTarget(certificate);
    const outcome = failure(await get(target.url));
    expect(outcome).toMatchObject({ kind: 'tls-certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const unreachable = classifyReachability(target.url, outcome);
    expect(unreachable?.code).toBe('CONF_TARGET_UNREACHABLE');
    expect(unreachable?.message).toBe(
      `cannot reach the target ${target.url}: TLS: the certificate was refused: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
    expect(unreachable?.hint).toContain('--ca FILE');
    expect(unreachable?.hint).toContain('--insecure');
    expect(target.hits).toBe(0);
  });

  it('reaches it with its certificate as --ca', async () => {
    target = await startHttpsTarget(certificate);
    expect(answer(await get(target.url, { ca: readCaFile(certificate.certFile) })).status).toBe(200);
  });

  it('reaches it with --insecure', async () => {
    target = await startHttpsTarget(certificate);
    expect(answer(await get(target.url, { insecure: true })).status).toBe(200);
  });

  it('refuses a certificate for another host, even from a trusted CA', async () => {
    target = await startHttpsTarget(otherHost);
    const outcome = failure(await get(target.url, { ca: otherHost.cert }));
    expect(outcome).toMatchObject({ kind: 'tls-certificate', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(outcome.error).toContain("IP: 127.0.0.1 is not in the cert's list: 127.0.0.2");
    expect(classifyReachability(target.url, outcome)?.hint).toContain('--ca FILE');
  });

  it('says https:// to a plain-HTTP port is a TLS handshake failure, hinting at the scheme', async () => {
    target = await startFixedAnswer(200, {}, 'plain');
    const outcome = failure(await get(target.url.replace('http:', 'https:')));
    expect(outcome.kind).toBe('tls-protocol');
    expect(classifyReachability(target.url, outcome)?.hint).toMatch(/scheme/);
  });

  it('classifies the other certificate failures (expired, unknown CA) and aggregated connection errors', () => {
    expect(describeTransportFailure(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }))).toMatchObject({
      kind: 'tls-certificate',
      error: 'TLS: the certificate was refused: certificate has expired (CERT_HAS_EXPIRED)',
    });
    expect(
      describeTransportFailure(Object.assign(new Error('unable to get local issuer certificate'), { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })).kind,
    ).toBe('tls-certificate');
    const happyEyeballs = new AggregateError(
      [
        Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' }),
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      ],
      '',
    );
    expect(describeTransportFailure(Object.assign(happyEyeballs, { code: 'ECONNREFUSED' }))).toMatchObject({
      kind: 'refused',
      error: 'ECONNREFUSED: connect ECONNREFUSED ::1:9',
    });
  });

  describe('readCaFile (--ca FILE)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-ca-'));
    const usageError = (file: string) => {
      try {
        readCaFile(file);
      } catch (error) {
        return error as ConformanceError;
      }
      throw new Error(`readCaFile(${file}) did not throw`);
    };

    it('returns the PEM text of a certificate file', () => {
      expect(readCaFile(certificate.certFile)).toContain('-----BEGIN CERTIFICATE-----');
    });

    it('refuses a missing file, a directory, a file without a certificate, and a broken certificate, each saying which', () => {
      const missing = usageError(path.join(dir, 'missing.pem'));
      expect(missing).toMatchObject({ code: 'CONF_USAGE' });
      expect(missing.message).toBe(`--ca: no such file ${path.join(dir, 'missing.pem')}`);
      expect(usageError(dir).message).toBe(`--ca: ${dir} is a directory, not a PEM certificate file`);
      expect(usageError(path.join(certificate.dir, 'key.pem')).message).toMatch(/holds no PEM certificate/);
      const broken = path.join(dir, 'broken.pem');
      writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
      expect(usageError(broken).message).toMatch(/certificate 1 of 1 is not a valid certificate/);
      expect(usageError(broken).hint).toMatch(/PEM/);
    });
  });
});

describe('the conformance run against misbehaving targets', () => {
  const quietOptions = (overrides: Partial<ReportedRunOptions> = {}) =>
    quietRunOptions({ apis: ['lbaas-healthmonitors'], seed: 7, runs: 1, concurrency: 1, ...overrides });
  async function unreachable(options: ReportedRunOptions): Promise<ConformanceError> {
    try {
      await runWithReporters(options);
    } catch (error) {
      return error as ConformanceError;
    }
    throw new Error('the run did not refuse the target');
  }

  let target: Misbehaving | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  it('exits 2 at once, with the address and the cause, when nothing listens', async () => {
    const port = await closedPort();
    const error = await unreachable(quietOptions({ target: `http://127.0.0.1:${port}` }));
    expect(error).toBeInstanceOf(TargetUnreachableError);
    expect(error.code).toBe('CONF_TARGET_UNREACHABLE');
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('exits 2 at once when the host name does not resolve', async () => {
    const error = await unreachable(quietOptions({ target: 'http://no-such-host.invalid' }));
    expect(error.code).toBe('CONF_TARGET_UNREACHABLE');
    expect(error.message).toMatch(/http:\/\/no-such-host\.invalid: (ENOTFOUND|EAI_AGAIN)/);
  });

  it('fails the requests that never answer as timeouts, and goes on with the others to the end', async () => {
    // The reachability probe, the preflight (the fixtures' valid request) and the first case hang; every later request is refused at once.
    target = await startSometimesSilentTarget(3, 400);
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-timeouts-'));
    const json = path.join(dir, 'results.json');
    const options = quietOptions({ target: target.url, limits: { timeoutMs: 300, maxBodyBytes: 64 * 1024 }, json });
    const outcome = await runWithReporters(options);
    expect(outcome.complete).toBe(true);
    expect(outcome.exitCode).toBe(1);
    const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: CaseResult[] }).results;
    expect(results.length).toBe(outcome.cases);
    const timedOut = results.filter((result) => result.error !== undefined);
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]?.error).toMatch(/^timeout: no answer within 300 ms/);
    expect(timedOut[0]?.checks).toEqual([expect.objectContaining({ check: 'answered', passed: false })]);
    expect(results.filter((result) => result.response?.status === 400).length).toBe(results.length - 1);
    expect(target.hits).toBeGreaterThanOrEqual(outcome.cases + 2);
  });

  it('ends a run against a target that never answers at the whole-run deadline, with exit 1', async () => {
    target = await startSilentTarget();
    const options = quietOptions({ target: target.url, concurrency: 2, limits: { timeoutMs: 300, maxBodyBytes: 1024 }, deadlineMs: 1_000 });
    const outcome = await runWithReporters(options);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.complete).toBe(false);
    expect(options.output.join('')).toMatch(/The run's deadline \(1000 ms\) passed/);
  });

  describe('over TLS with a self-signed certificate', () => {
    let certificate: SelfSignedCertificate;
    beforeAll(() => void (certificate = generateSelfSignedCertificate('127.0.0.1')));
    afterAll(() => certificate?.remove());

    /** The embedded mock behind TLS: a conforming target, so a reachable run is a clean pass. */
    async function mockOverTls(): Promise<{ url: string; close(): Promise<void> }> {
      const mock = await startMock({ config: DEFAULT_CONFIG });
      const terminator = await startTlsTerminator(certificate, mock.port);
      return {
        url: terminator.url,
        close: async () => {
          await terminator.close();
          await mock.close();
        },
      };
    }

    it('exits 2 with the target, the cause and the --ca / --insecure hint when the certificate does not verify', async () => {
      target = await startHttpsTarget(certificate);
      const error = await unreachable(quietOptions({ target: target.url }));
      expect(error.code).toBe('CONF_TARGET_UNREACHABLE');
      expect(error.message).toBe(
        `cannot reach the target ${target.url}: TLS: the certificate was refused: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`,
      );
      expect(error.hint).toContain('--ca FILE');
      expect(error.hint).toContain('--insecure');
    });

    it('reaches it and passes with --ca (its certificate)', async () => {
      const tlsMock = await mockOverTls();
      try {
        const options = quietOptions({ target: tlsMock.url, tls: { ca: readCaFile(certificate.certFile) } });
        const outcome = await runWithReporters(options);
        expect(outcome.exitCode, options.output.join('')).toBe(0);
        expect(outcome.complete).toBe(true);
      } finally {
        await tlsMock.close();
      }
    });

    it('reaches it and passes with --insecure', async () => {
      const tlsMock = await mockOverTls();
      try {
        const options = quietOptions({ target: tlsMock.url, tls: { insecure: true } });
        const outcome = await runWithReporters(options);
        expect(outcome.exitCode, options.output.join('')).toBe(0);
      } finally {
        await tlsMock.close();
      }
    });
  });
});
