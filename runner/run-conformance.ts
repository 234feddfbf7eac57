import type { Dispatcher } from 'undici';
import { randomBytes } from 'node:crypto';
import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import type { KeystoneCredentials } from '../engine/config/openstack-credentials.ts';
import { assertConfiguredForLiveTargets } from '../apis/live-config.ts';
import { usesSigV4 } from '../engine/spec/security-schemes.ts';
import { knownDeviation, type Baseline } from '../engine/run/baseline.ts';
import type { CaseResult, PlannedCase, RequirementVerdict } from '../engine/run/run-model.ts';
import { recordedErrata } from '../engine/run/results-document.ts';
import { runExitCode, VerdictTally } from '../engine/run/verdicts.ts';
import { startMock, type Personality, type RunningMock } from '../mock/mock-server.ts';
import type { ApiPlan } from '../generators/case-planner.ts';
import type { CaseSelection } from './case-selection.ts';
import { casesLeft, planningThreadCount, planRun, startPlanningThreads, type PendingApi, type PlannedApi, type PlannedRun } from './run-plan.ts';
import type { PlanPool } from './plan-pool.ts';
import { PlansSoFar } from './plans-so-far.ts';
import { Interruption } from './interruption.ts';
import { runCase, type ApiContext, type Sender } from './run-case.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { TlsOptions } from './tls-options.ts';
import { createDispatcher, DEFAULT_EXCHANGE_LIMITS, exchange, type ExchangeLimits } from './http-exchange.ts';
import { runHeader } from './run-header.ts';
import type { ConsoleSink } from './console-report.ts';
import { classifyReachability } from './target-errors.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-after.ts';
import { LiveResources, ledgerPath } from './live-resources.ts';
import { ResourceLedger, type CreatedResource } from './resource-ledger.ts';
import { DEFAULT_CLEANUP_BOUNDS, type CleanupBounds } from './resource-cleanup.ts';
import { preflight } from './preflight.ts';
import { keystoneRedactor, withKeystone, type KeystoneRun } from './keystone-run.ts';
import type { Redactor } from './redaction.ts';
import { AnswerWatch } from './answer-watch.ts';
import { BrokenRequirements } from './broken-requirements.ts';
import { RunListeners, type RunListener, type RunStop } from './run-listener.ts';

export interface RunOptions {
  config: ConformanceConfig;
  apis: ApiName[];
  /** Overrides the config's targets; absent everywhere: the embedded mock. */
  target?: string;
  seed: number;
  runs: number;
  strict: boolean;
  concurrency: number;
  limits?: ExchangeLimits;
  /** Where the run says what it sets up before its first case: the Keystone token, the ledger of what it creates. */
  console: ConsoleSink;
  /** Told of the run's start, of each case result and of its end: the console text, the JSON results, the reports, the CI progress line. */
  listeners?: RunListener[];
  /** Passed to the embedded mock when it is the target (the suite's own proof of power). */
  mockFaults?: string[];
  /** The embedded mock's character: strict (default) or lenient (accepts what the documents leave ambiguous). */
  mockPersonality?: Personality;
  /** Plans made beforehand (planApi with the same seed and runs), reused across runs against many targets. */
  plans?: Partial<Record<ApiName, ApiPlan>>;
  /** Worker threads that plan (--workers); absent or 0: this thread plans, between the cases it sends. */
  workers?: number;
  /** Those worker threads, already started (the CLI starts them before it loads the config): the run plans with them and closes them. */
  threads?: Promise<PlanPool | undefined>;
  /** Where each API's boundary plan is kept between runs (--cache-dir); absent: not kept. */
  cacheDir?: string;
  /** The shard to run and the live-endpoint limits (--shard, --negative-only, --max-creates). */
  selection?: CaseSelection;
  /** At most this many requests per second over the whole run (--rate). */
  ratePerSecond?: number;
  /** Retry-After on a 429 or 503: at most this many retries, each wait at most this long (default 3, 30 s). */
  retry?: RetryPolicy;
  /** How an HTTPS target is verified (--ca FILE, --insecure). */
  tls?: TlsOptions;
  /** The whole run stops after this long; what did not run is reported, and the run fails. */
  deadlineMs?: number;
  /** Aborted (e.g. on SIGINT): the run stops at once, reports what it has, and fails as incomplete. */
  stop?: AbortSignal;
  /** Delete what the run creates on a live target, each resource right after its case (default: on against a live target). */
  cleanup?: boolean;
  /** The ledger of created resources (default: in the temporary folder; the CLI puts it beside --json). */
  ledger?: string;
  /** How long to wait for a created resource to settle and, once deleted, to be gone. */
  cleanupBounds?: CleanupBounds;
  /** Stop once this many requirements are broken. */
  maxFailures?: number;
  /** The tag unique names carry against a live target (default: random per run). */
  runId?: string;
  /** Known deviations (--baseline): broken as expected, they do not fail the run. */
  baseline?: Baseline;
  /** The target's name (--label), recorded in the results and matched by baseline entries. */
  label?: string;
  /** `conformance replay`: the results file replayed and the case ids sent again (selection.cases). */
  replay?: { of: string; cases: string[] };
  /** Keystone v3 credentials: a token (renewed as it expires) and each API's endpoint from the catalog. */
  keystone?: KeystoneCredentials;
}

export interface RunOutcome {
  exitCode: 0 | 1;
  /** False when the deadline stopped the run before every case was sent. */
  complete: boolean;
  verdicts: RequirementVerdict[];
  cases: number;
  failedCases: number;
  durationMs: number;
  targets: Record<string, string>;
  /** Results that mean less than they seem (every answer 401, nothing positive proven…). */
  warnings: string[];
  /** Against a live target: the ledger of what the run created, and how many of those are still there. */
  ledger?: { file: string; outstanding: number };
}

/** What the run holds from its setup to its end: the specs, the targets and the means to reach them. */
interface RunSession {
  options: RunOptions;
  keystone: KeystoneRun | undefined;
  specs: LoadedSpec[];
  mock: RunningMock | undefined;
  limits: ExchangeLimits;
  dispatcher: Dispatcher;
  redact: Redactor;
  started: number;
}

/** The APIs whose target is live (not the embedded mock), and what the run creates there. */
interface LiveTargets {
  apis: Set<ApiName>;
  runId: string | undefined;
  resources: LiveResources | undefined;
}

/** What the run keeps while the cases are sent: the verdicts so far, and whom to tell. */
interface Tracking {
  tally: VerdictTally;
  answers: AnswerWatch;
  broken: BrokenRequirements;
  listeners: RunListeners;
}

interface QueuedCase {
  context: ApiContext;
  testCase: PlannedCase;
}

/** What the worker pool did. */
interface Sending {
  done: number;
  failed: number;
  /** Every case meant to be sent was. */
  complete: boolean;
  stop?: RunStop;
}

function targetOf(options: RunOptions, api: ApiName, mock: RunningMock | undefined): string | undefined {
  return options.target ?? options.config.apis[api]?.target ?? options.config.target ?? mock?.url;
}

/** The API is sent to a live target (one the options or the config name), not to the embedded mock. */
function isLive(options: RunOptions, api: ApiName): boolean {
  return Boolean(targetOf(options, api, undefined));
}

async function checkReachable(dispatcher: Dispatcher, target: string, limits: ExchangeLimits): Promise<void> {
  const outcome = await exchange(dispatcher, { method: 'GET', url: new URL(target), headers: {}, body: undefined }, { ...limits, maxBodyBytes: 1024 });
  const unreachable = classifyReachability(target, outcome);
  if (unreachable) throw unreachable;
}

/**
 * Runs a conformance run (docs/ARCHITECTURE.md, "The data flow of a run"): plan, send, check,
 * tally; the listeners report. Its planning threads start first, to load while it sets up.
 */
export async function runConformance(asked: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const threads = asked.threads ?? startPlanningThreads(asked, asked.apis);
  try {
    return await setUpAndConduct(asked, started, threads);
  } finally {
    await (await threads.catch(() => undefined))?.close();
  }
}

/** Keystone, the specs, the embedded mock and the connections: what the run holds until its end. */
async function setUpAndConduct(asked: RunOptions, started: number, threads: Promise<PlanPool | undefined>): Promise<RunOutcome> {
  const { options: authenticated, keystone } = await withKeystone(asked);
  const specs = await Promise.all(authenticated.apis.map((api) => loadSpec(api)));
  assertConfiguredForLiveTargets(
    authenticated.config,
    specs.filter((spec) => isLive(authenticated, spec.api)).map((spec) => ({ api: spec.api, sigv4: usesSigV4(spec) })),
  );
  const options = withRunId(authenticated, specs);
  const planning = plannedInThreadsAtOnce(specs, options, threads);
  const mocked = options.apis.filter((api) => !isLive(options, api));
  const mock = mocked.length
    ? await startMock({ apis: mocked, config: options.config, faults: options.mockFaults ?? [], personality: options.mockPersonality ?? 'strict' })
    : undefined;
  const limits = options.limits ?? DEFAULT_EXCHANGE_LIMITS;
  const dispatcher = createDispatcher(options.concurrency, limits, options.tls, mock ? [new URL(mock.url).host] : []);
  const session: RunSession = { options, keystone, specs, mock, limits, dispatcher, redact: keystoneRedactor(options, keystone), started };
  try {
    return await conductRun(session, planning ?? (() => planRun(specs, options, threads)));
  } finally {
    await dispatcher.close();
    await mock?.close();
    await keystone?.close();
  }
}

/** Against a live target, the tag its unique names carry (stack names): the given one, else a new one per run. */
function withRunId(options: RunOptions, specs: LoadedSpec[]): RunOptions {
  const live = specs.some((spec) => isLive(options, spec.api));
  return live && options.runId === undefined ? { ...options, runId: randomBytes(3).toString('hex') } : options;
}

/**
 * Planning threads are asked for the plan at once: they plan while the run starts its mock,
 * checks that its targets answer and preflights them. Planned on the run's own thread, the plan
 * waits until the targets answered (an unreachable target is said before any planning).
 */
function plannedInThreadsAtOnce(specs: LoadedSpec[], options: RunOptions, threads: Promise<PlanPool | undefined>): (() => Promise<PlannedRun>) | undefined {
  if (!planningThreadCount(options)) return undefined;
  const planned = planRun(specs, options, threads);
  // A setup that fails first leaves it untaken: the run closes the threads, and says the setup's failure.
  planned.catch(() => undefined);
  return () => planned;
}

/** Probe, plan, send, sum up. */
async function conductRun(session: RunSession, plan: () => Promise<PlannedRun>): Promise<RunOutcome> {
  const { options, specs, mock } = session;
  // An unreachable target is said at once, before any planning on this thread.
  for (const target of new Set(specs.map((spec) => targetOf(options, spec.api, mock) as string)))
    await checkReachable(session.dispatcher, target, session.limits);
  const contexts = new Map<ApiName, ApiContext>(
    specs.map((spec) => [spec.api, { spec, validate: createSchemaValidator(spec), target: targetOf(options, spec.api, mock) as string }]),
  );
  const live = await prepareLiveTargets(session, contexts);
  const plannedRun = await plan();
  try {
    return await sendPlanned(session, plannedRun, contexts, live);
  } finally {
    await plannedRun.close();
  }
}

/** Tell the listeners the run starts, send the planned cases, sum up. */
async function sendPlanned(session: RunSession, plannedRun: PlannedRun, contexts: Map<ApiName, ApiContext>, live: LiveTargets): Promise<RunOutcome> {
  const { options, specs } = session;
  const planned = plannedRun.apis;
  const targets = [...new Set([...contexts.values()].map((context) => context.target))];
  const baselineTargets = [...targets, ...(options.label ? [options.label] : [])];
  const known = (id: string) => (options.baseline ? knownDeviation(options.baseline, id, baselineTargets, new Date()) : undefined);
  const tracking: Tracking = {
    tally: new VerdictTally(specs),
    answers: new AnswerWatch(),
    broken: new BrokenRequirements(specs, options.strict, known),
    listeners: new RunListeners(options.listeners ?? []),
  };
  const plans = new PlansSoFar(planned, tracking.tally);
  // Nothing can be sent before the first API is planned; the later ones are planned while it is sent.
  if (planned[0]) await plans.orFailure(planned[0].planned);
  const header = runHeader({
    startedAt: new Date(session.started),
    targets,
    seed: options.seed,
    runs: options.runs,
    strict: options.strict,
    apis: options.apis,
    ...(options.selection ? { selection: options.selection } : {}),
    ...(options.label ? { label: options.label } : {}),
    specs,
    config: options.config,
    ...(options.replay ? { replay: options.replay } : {}),
  });
  await tracking.listeners.start({ header, specs, targets, plannedCases: () => plans.cases(), knownDeviation: known });
  const sending = await sendCases(session, casesInPlanOrder(planned, contexts, plans), live, tracking);
  // A run stopped early may end before its later APIs are planned: what they would have sent is not counted.
  for (const { left } of plans.planned) for (const [requirementId, reason] of left.requirements()) tracking.tally.notRunnable(requirementId, reason);
  const outcome = await summarize(session, { planned: plans.planned, live, tracking, sending, baselineTargets });
  return { ...outcome, targets: Object.fromEntries([...contexts.values()].map((c) => [c.spec.api, c.target])), ...ledgerOf(live) };
}

/** Against a live target: the ledger of what the run creates, and the preflight of each live API. */
async function prepareLiveTargets(session: RunSession, contexts: Map<ApiName, ApiContext>): Promise<LiveTargets> {
  const { options, specs } = session;
  const apis = new Set(specs.filter((spec) => isLive(options, spec.api)).map((spec) => spec.api));
  const { runId } = options;
  const resources = apis.size
    ? new LiveResources(
        {
          dispatcher: session.dispatcher,
          config: options.config,
          limits: session.limits,
          ledger: new ResourceLedger(ledgerPath(options.ledger, runId as string)),
          bounds: options.cleanupBounds ?? DEFAULT_CLEANUP_BOUNDS,
        },
        options.cleanup ?? true,
      )
    : undefined;
  if (resources)
    options.console.write(
      `Ledger of the resources this run creates: ${resources.ledgerFile} (run ${runId}; \`npx conformance cleanup\` deletes what a stopped run left)\n`,
    );
  // The preflight creates a resource: not when the run was asked to create none, or only so many.
  if (resources && !options.selection?.negativeOnly && options.selection?.maxCreates === undefined) await preflightEach(session, apis, contexts, resources);
  return { apis, runId, resources };
}

async function preflightEach(session: RunSession, apis: Set<ApiName>, contexts: Map<ApiName, ApiContext>, resources: LiveResources): Promise<void> {
  const { options, keystone } = session;
  for (const api of apis) {
    const context = contexts.get(api) as ApiContext;
    // An earlier API's preflight (a create that settles, then a delete) may outlast a short-lived token.
    if (keystone) options.config.auth.token = await keystone.session.freshToken();
    const created = await preflight(context, { dispatcher: session.dispatcher, config: options.config, limits: session.limits });
    if (created) {
      resources.created(created);
      await resources.release(context.spec, [created]);
    }
  }
}

/** Cases are taken one by one as workers free up: a run of any size holds a few cases at a time. */
async function* casesInPlanOrder(apis: PendingApi[], contexts: Map<ApiName, ApiContext>, plans: PlansSoFar): AsyncGenerator<QueuedCase> {
  for (const { spec, planned } of apis) {
    const cases = (await plans.orFailure(planned)).cases[Symbol.asyncIterator]();
    for (;;) {
      const step = await plans.orFailure(cases.next());
      if (step.done) break;
      yield { context: contexts.get(spec.api) as ApiContext, testCase: step.value };
    }
  }
}

/** The worker pool: `concurrency` workers take cases until none is left, the deadline passes, the run is stopped or --max-failures is reached. */
async function sendCases(session: RunSession, queue: AsyncGenerator<QueuedCase>, live: LiveTargets, tracking: Tracking): Promise<Sending> {
  const { options } = session;
  const limiter = options.ratePerSecond ? new RateLimiter(options.ratePerSecond) : undefined;
  const deadline = new AbortController();
  const timer = options.deadlineMs ? setTimeout(() => deadline.abort('deadline'), options.deadlineMs) : undefined;
  const onStop = () => deadline.abort('stopped');
  options.stop?.addEventListener('abort', onStop, { once: true });
  if (options.stop?.aborted) onStop();
  const counts = { done: 0, failed: 0 };
  let exhausted = false;
  // A stop does not wait for the next case to be planned.
  const stop = new Interruption<'stopped'>();
  deadline.signal.addEventListener('abort', () => stop.interrupt({ value: 'stopped' }), { once: true });
  const worker = async (): Promise<void> => {
    while (!deadline.signal.aborted) {
      const step = await stop.race(queue.next());
      if (step === 'stopped') break;
      if (step.done) {
        exhausted = true;
        break;
      }
      const result = await sendCase(session, step.value, live, { limiter, signal: deadline.signal });
      if (deadline.signal.aborted) break;
      await record(result, counts, tracking);
      if (options.maxFailures && tracking.broken.count >= options.maxFailures) deadline.abort('max-failures');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  clearTimeout(timer);
  options.stop?.removeEventListener('abort', onStop);
  const complete = exhausted && !deadline.signal.aborted;
  return { ...counts, complete, ...(complete ? {} : { stop: stopOf(deadline.signal.reason, options) }) };
}

function stopOf(reason: unknown, options: RunOptions): RunStop {
  if (reason === 'stopped') return { reason: 'stopped' };
  if (reason === 'max-failures') return { reason: 'max-failures', maxFailures: options.maxFailures };
  return { reason: 'deadline', deadlineMs: options.deadlineMs };
}

/** Sends one case; against a live target, deletes what it created; with Keystone, once more should the token have expired. */
async function sendCase(session: RunSession, item: QueuedCase, live: LiveTargets, pace: Pick<Sender, 'limiter' | 'signal'>): Promise<CaseResult> {
  const { options, keystone } = session;
  if (keystone) options.config.auth.token = await keystone.session.freshToken();
  const sender: Sender = {
    dispatcher: session.dispatcher,
    ...pace,
    redact: session.redact,
    config: options.config,
    limits: session.limits,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
  };
  const resources = live.resources && live.apis.has(item.context.spec.api) ? live.resources : undefined;
  const send = (): Promise<CaseResult> => (resources ? sendCleaningUp(resources, item, sender) : runCase(item.context, item.testCase, sender));
  const result = await send();
  // A 401 to the configured token may mean it expired: renewed once, the case is sent again (never a verdict on its own).
  if (keystone && result.response?.status === 401 && (item.testCase.credentials ?? 'configured') === 'configured') {
    options.config.auth.token = await keystone.session.authenticate();
    return send();
  }
  return result;
}

/** One case at a time per live API, each resource it created deleted before the next case. */
function sendCleaningUp(resources: LiveResources, item: QueuedCase, sender: Sender): Promise<CaseResult> {
  return resources.exclusive(item.context.spec.api, async () => {
    const created: CreatedResource[] = [];
    const caseResult = await runCase(item.context, item.testCase, {
      ...sender,
      onCreated: (resource) => (created.push(resource), resources.created(resource)),
    });
    await resources.release(item.context.spec, created);
    return caseResult;
  });
}

async function record(result: CaseResult, counts: { done: number; failed: number }, tracking: Tracking): Promise<void> {
  tracking.answers.note(result);
  tracking.tally.add(result);
  counts.done += 1;
  if (!result.passed) {
    counts.failed += 1;
    tracking.broken.note(result);
  }
  await tracking.listeners.result(result, { done: counts.done, failed: counts.failed, broken: tracking.broken.count });
}

interface Ending {
  planned: PlannedApi[];
  live: LiveTargets;
  tracking: Tracking;
  sending: Sending;
  baselineTargets: string[];
}

/** The verdicts, the exit code and the footer; the listeners are told. */
async function summarize(session: RunSession, ending: Ending): Promise<Omit<RunOutcome, 'targets' | 'ledger'>> {
  const { options, specs } = session;
  const { tracking, sending } = ending;
  const notSent = casesLeft(ending.planned);
  const durationMs = Date.now() - session.started;
  const verdicts = tracking.tally.verdicts();
  const gate = {
    strict: options.strict,
    complete: sending.complete,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    targets: ending.baselineTargets,
    today: new Date(),
  };
  const exitCode = runExitCode(verdicts, gate);
  const footer = { finishedAt: new Date().toISOString(), durationMs, complete: sending.complete, exitCode, verdicts, notSent, errata: recordedErrata(specs) };
  const warnings = tracking.answers.warnings(options.selection?.negativeOnly === true);
  await tracking.listeners.finish({
    footer,
    cases: sending.done,
    failedCases: sending.failed,
    ...(sending.stop ? { stop: sending.stop } : {}),
    embeddedMock: session.mock !== undefined,
    cleanup: ending.live.resources?.summary() ?? [],
    ...(session.keystone ? { keystoneTokens: session.keystone.session.tokens.length } : {}),
    warnings,
  });
  return { exitCode, complete: sending.complete, verdicts, cases: sending.done, failedCases: sending.failed, durationMs, warnings };
}

function ledgerOf(live: LiveTargets): Pick<RunOutcome, 'ledger'> {
  return live.resources ? { ledger: { file: live.resources.ledgerFile, outstanding: live.resources.outstanding() } } : {};
}
