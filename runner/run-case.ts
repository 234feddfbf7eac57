import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { SchemaValidator } from '../engine/schema/schema-violations.ts';
import { toHttpRequest, type HttpRequestPlan } from '../engine/request/request-to-http.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { CaseResult, ObservedResponse, PlannedCase } from '../engine/run/run-model.ts';
import { exchange, type ExchangeLimits, type ExchangeOutcome } from './http-exchange.ts';
import { withCredentials } from './request-credentials.ts';
import { runChecks } from './checks.ts';
import { redactHeaders, signatureOf, withSignatureRedacted, type Redactor } from './redaction.ts';
import { reproducerCurl } from './reproducer-curl.ts';
import { addLazyField } from './lazy-fields.ts';
import { usesSigV4 } from '../engine/spec/security-schemes.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { exchangeHonouringRetryAfter, throttledCheck, type RetryPolicy } from './retry-after.ts';
import type { Dispatcher } from 'undici';
import type { CreatedResource } from './resource-ledger.ts';
import { createdResource } from './resource-cleanup.ts';

/** One API of the run: its spec, its compiled schemas and where its requests go. */
export interface ApiContext {
  spec: LoadedSpec;
  validate: SchemaValidator;
  target: string;
}

/** What sending a case needs from the run. */
export interface Sender {
  dispatcher: Dispatcher;
  limiter: RateLimiter | undefined;
  redact: Redactor;
  signal: AbortSignal;
  config: ConformanceConfig;
  limits: ExchangeLimits;
  retry: RetryPolicy;
  /** Told of every resource a request of the case created (a 2xx answer), setup included: the run cleans them up. */
  onCreated?: (resource: CreatedResource) => void;
}

function noteCreated(context: ApiContext, testCase: PlannedCase, request: RequestDocument, outcome: ExchangeOutcome, sender: Sender): void {
  if (!sender.onCreated || !('response' in outcome)) return;
  const resource = createdResource(context.spec, context.target, testCase.id, request, outcome.response);
  if (resource) sender.onCreated(resource);
}

/** `sentBody` is the body as sent (the request's body as JSON): a body with no secret in it is recorded as planned, not copied. */
function redactedRequest(request: RequestDocument, sentBody: string | undefined, headers: Record<string, string>, redact: Redactor): RequestDocument {
  const redactedBody = sentBody === undefined ? undefined : redact(sentBody);
  const body = redactedBody === undefined || redactedBody === sentBody ? request.body : (JSON.parse(redactedBody) as unknown);
  return { method: request.method, path: request.path, header: redactHeaders(headers, redact), ...(body !== undefined ? { body } : {}) };
}

/** The case's setup requests, in order: the statuses they were answered with. */
async function sendSetup(context: ApiContext, testCase: PlannedCase, sender: Sender): Promise<number[]> {
  const { dispatcher, limiter, signal, limits, config } = sender;
  const setupStatuses: number[] = [];
  for (const setup of testCase.setup ?? []) {
    const plan = toHttpRequest(context.target, context.spec.path, setup);
    await limiter?.take(signal);
    const answer = await exchange(dispatcher, { ...plan, headers: await withCredentials(context.spec, plan, config) }, limits, signal);
    if ('response' in answer) setupStatuses.push(answer.response.status);
    noteCreated(context, testCase, setup, answer, sender);
  }
  return setupStatuses;
}

interface SentCase {
  plan: HttpRequestPlan;
  outcome: ExchangeOutcome;
  /** The headers of the last send. */
  headers: Record<string, string>;
  /** The redactor of the run, with every signature sent added. */
  redact: Redactor;
  durationMs: number;
}

/** Sends the case's own request, again after a Retry-After. */
async function sendCase(context: ApiContext, testCase: PlannedCase, sender: Sender): Promise<SentCase> {
  const { dispatcher, limiter, signal, limits, config } = sender;
  const plan = toHttpRequest(context.target, context.spec.path, testCase.request);
  // Each send (a retry after a Retry-After too) signs afresh; every signature sent is redacted.
  let headers: Record<string, string> = {};
  const signatures: string[] = [];
  const send = async (): Promise<ExchangeOutcome> => {
    headers = await withCredentials(context.spec, plan, config, testCase.credentials);
    const signature = signatureOf(headers);
    if (signature) signatures.push(signature);
    await limiter?.take(signal);
    return exchange(dispatcher, { ...plan, headers }, limits, signal);
  };
  const started = performance.now();
  const outcome = await exchangeHonouringRetryAfter(send, sender.retry, signal);
  noteCreated(context, testCase, testCase.request, outcome, sender);
  const durationMs = Math.round(performance.now() - started);
  const redact = signatures.reduce<Redactor>((redactor, signature) => withSignatureRedacted(redactor, signature), sender.redact);
  return { plan, outcome, headers, redact, durationMs };
}

/** What the answer gave: the recorded response and the checks, or the transport failure. */
type Outcome = Pick<CaseResult, 'response' | 'error' | 'checks' | 'passed'>;

/**
 * The case's result: the case, its redacted request, its reproducer, then what the answer gave.
 * The redacted request and the reproducer are made when first read (runner/lazy-fields.ts): a
 * failure shown, a case the report keeps, a --json line. Making both for every case cost about
 * 12 µs of the sending thread's 400 a case, for cases most of which no one reads them of.
 */
function caseResult(
  context: ApiContext,
  testCase: PlannedCase,
  sent: SentCase,
  setupStatuses: number[],
  config: ConformanceConfig,
  outcome: Outcome,
): CaseResult {
  const { plan, headers, redact } = sent;
  const result = {
    caseId: testCase.id,
    api: testCase.api,
    requirementId: testCase.requirementId,
    polarity: testCase.polarity,
    origin: testCase.origin,
    level: testCase.level,
    description: testCase.description,
    ...(testCase.exercises ? { exercises: testCase.exercises } : {}),
    ...(testCase.jointWith ? { jointWith: testCase.jointWith } : {}),
  };
  addLazyField(result, 'request', () => redactedRequest(testCase.request, plan.body, headers, redact));
  Object.assign(result, {
    url: plan.url.toString(),
    expectedStatuses: testCase.expectedStatuses,
    ...(testCase.setup ? { setupStatuses } : {}),
    durationMs: sent.durationMs,
  });
  addLazyField(result, 'curl', () => reproducerCurl(plan, headers, testCase.credentials, config, usesSigV4(context.spec), redact));
  // Every field of a CaseResult is now there, two of them as getters TypeScript cannot follow.
  return Object.assign(result, outcome) as unknown as CaseResult;
}

/** The parsed body served the checks; the results keep the redacted excerpt only. */
function recordedResponse(answer: ObservedResponse, redact: Redactor): Omit<ObservedResponse, 'json'> {
  const { status, bodyTruncated, bodyCutAt, bodyInvalidUtf8 } = answer;
  return {
    status,
    headers: redactHeaders(answer.headers, redact),
    bodyExcerpt: redact(answer.bodyExcerpt),
    bodyTruncated,
    ...(bodyCutAt !== undefined ? { bodyCutAt } : {}),
    ...(bodyInvalidUtf8 ? { bodyInvalidUtf8 } : {}),
  };
}

/** Sends one case (its setup requests first), checks the answer, and returns its result with every secret redacted. */
export async function runCase(context: ApiContext, testCase: PlannedCase, sender: Sender): Promise<CaseResult> {
  const setupStatuses = await sendSetup(context, testCase, sender);
  const sent = await sendCase(context, testCase, sender);
  const { outcome, redact } = sent;
  if ('error' in outcome) {
    return caseResult(context, testCase, sent, setupStatuses, sender.config, {
      error: redact(outcome.error),
      checks: [{ check: 'answered', requirementId: testCase.requirementId, passed: false, message: redact(outcome.error) }],
      passed: false,
    });
  }
  const checks = [
    ...runChecks({ spec: context.spec, validate: context.validate, testCase, response: outcome.response }),
    ...throttledCheck(testCase.requirementId, testCase.expectedStatuses, outcome),
  ];
  return caseResult(context, testCase, sent, setupStatuses, sender.config, {
    response: recordedResponse(outcome.response, redact),
    checks,
    passed: checks.every((check) => check.passed),
  });
}
