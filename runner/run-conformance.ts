import type { ApiName } from '../engine/api-catalogue.ts';
import type { ConformanceConfig } from '../engine/config.ts';
import { loadSpec } from '../engine/spec-loader.ts';
import { createSchemaValidator } from '../engine/schema-violations.ts';
import { startMock, type Personality, type RunningMock } from '../mock/mock-server.ts';
import type { ApiPlan } from '../generators/case-planner.ts';
import type { CaseSelection } from './case-selection.ts';
import { casesLeft, planRun } from './run-plan.ts';
import { runCase, type ApiContext } from './run-case.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { TlsOptions } from './tls-options.ts';
import type { CaseResult, RequirementVerdict } from '../engine/run-model.ts';
import { createDispatcher, DEFAULT_EXCHANGE_LIMITS, exchange, type ExchangeLimits } from './http-exchange.ts';
import { ReportAccumulator } from '../reports/report-accumulator.ts';
import type { ReportModel } from '../reports/report-model.ts';
import { ResultsStream } from './results-stream.ts';
import { runHeader, suiteVersion } from './run-header.ts';
import { ProgressLine, type ConsoleSink } from './console-report.ts';
import { formatSummary } from '../reports/console-summary.ts';
import { FailureLog } from './failure-log.ts';
import { knownDeviation, type Baseline } from '../engine/baseline.ts';
import { classifyReachability } from './target-errors.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-after.ts';
import { letIdleConnectionsExpire } from './idle-connections.ts';
import type { Dispatcher } from 'undici';
import { randomBytes } from 'node:crypto';
import { LiveResources, ledgerPath } from './live-resources.ts';
import { ResourceLedger, type CreatedResource } from './resource-ledger.ts';
import { DEFAULT_CLEANUP_BOUNDS, type CleanupBounds } from './resource-cleanup.ts';
import { preflight } from './preflight.ts';
import { keystoneRedactor, withKeystone } from './keystone-run.ts';
import type { KeystoneCredentials } from '../engine/openstack-credentials.ts';
import { assertConfiguredForLiveTargets } from '../engine/live-config.ts';
import { usesSigV4 } from '../engine/security-schemes.ts';
import { AnswerWatch } from './answer-watch.ts';
import { startCiProgress, type CiProgress } from './ci-progress.ts';

export interface RunOptions {
  config: ConformanceConfig;
  apis: ApiName[];
  /** Overrides the config's targets; absent everywhere: the embedded mock. */
  target?: string;
  seed: number;
  runs: number;
  strict: boolean;
  json?: string;
  concurrency: number;
  limits?: ExchangeLimits;
  console: ConsoleSink;
  progress: ConsoleSink & { isTTY?: boolean };
  showProgress: boolean;
  /** Under CI: a plain progress line on `progress` every `progressIntervalMs` (default 10 s). */
  ciProgress?: boolean;
  progressIntervalMs?: number;
  /** Passed to the embedded mock when it is the target (the suite's own proof of power). */
  mockFaults?: string[];
  /** The embedded mock's character: strict (default) or lenient (accepts what the documents leave ambiguous). */
  mockPersonality?: Personality;
  /** Plans made beforehand (planApi with the same seed and runs), reused across runs against many targets. */
  plans?: Partial<Record<ApiName, ApiPlan>>;
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
  /** The ledger of created resources (default: beside --json, else in the temporary folder). */
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
  /** What the HTML and JUnit reports show (bounded, whatever the number of cases). */
  report: ReportModel;
  /** Results that mean less than they seem (every answer 401, nothing positive proven…). */
  warnings: string[];
  /** Against a live target: the ledger of what the run created, and how many of those are still there. */
  ledger?: { file: string; outstanding: number };
}



function targetOf(options: RunOptions, api: ApiName, mock: RunningMock | undefined): string | undefined {
  return options.target ?? options.config.apis[api]?.target ?? options.config.target ?? mock?.url;
}

async function checkReachable(dispatcher: Dispatcher, target: string, limits: ExchangeLimits): Promise<void> {
  const outcome = await exchange(dispatcher, { method: 'GET', url: new URL(target), headers: {}, body: undefined }, { ...limits, maxBodyBytes: 1024 });
  const unreachable = classifyReachability(target, outcome);
  if (unreachable) throw unreachable;
}

/** Runs the conformance run of DESIGN.md: plan, send, check, tally, report. */
export async function runConformance(asked: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const { options, keystone } = await withKeystone(asked);
  const specs = await Promise.all(options.apis.map((api) => loadSpec(api)));
  assertConfiguredForLiveTargets(
    options.config,
    specs.filter((spec) => targetOf(options, spec.api, undefined)).map((spec) => ({ api: spec.api, sigv4: usesSigV4(spec) })),
  );
  const needsMock = options.apis.some((api) => !targetOf(options, api, undefined));
  const mock = needsMock ? await startMock({ config: options.config, faults: options.mockFaults ?? [], personality: options.mockPersonality ?? 'strict' }) : undefined;
  const limits = options.limits ?? DEFAULT_EXCHANGE_LIMITS;
  const dispatcher = createDispatcher(options.concurrency, limits, options.tls, mock ? [new URL(mock.url).host] : []);
  const redact = keystoneRedactor(options, keystone);
  let ciProgress: CiProgress | undefined;
  try {
    // An unreachable target is said at once, before any planning.
    for (const target of new Set(specs.map((spec) => targetOf(options, spec.api, mock) as string))) await checkReachable(dispatcher, target, limits);
    const liveApis = new Set(specs.filter((spec) => targetOf(options, spec.api, undefined)).map((spec) => spec.api));
    const runId = options.runId ?? (liveApis.size ? randomBytes(3).toString('hex') : undefined);
    const contexts = new Map<ApiName, ApiContext>(specs.map((spec) => [spec.api, { spec, validate: createSchemaValidator(spec), target: targetOf(options, spec.api, mock) as string }]));
    const resources = liveApis.size
      ? new LiveResources(
          { dispatcher, config: options.config, limits, ledger: new ResourceLedger(ledgerPath(options.ledger, options.json, runId as string)), bounds: options.cleanupBounds ?? DEFAULT_CLEANUP_BOUNDS },
          options.cleanup ?? true,
        )
      : undefined;
    if (resources) options.console.write(`Ledger of the resources this run creates: ${resources.ledgerFile} (run ${runId}; \`npx conformance cleanup\` deletes what a stopped run left)\n`);
    // The preflight creates a resource: not when the run was asked to create none, or only so many.
    if (resources && !options.selection?.negativeOnly && options.selection?.maxCreates === undefined) {
      for (const api of liveApis) {
        const context = contexts.get(api) as ApiContext;
        // An earlier API's preflight (a create that settles, then a delete) may outlast a short-lived token.
        if (keystone) options.config.auth.token = await keystone.session.freshToken();
        const created = await preflight(context, { dispatcher, config: options.config, limits });
        if (created) {
          resources.created(created);
          await resources.release(context.spec, [created]);
        }
      }
    }
    const planned = planRun(specs, { ...options, ...(runId ? { runId } : {}) });
    await letIdleConnectionsExpire();

    const tally = new ReportAccumulator(specs);
    for (const { plan } of planned) for (const item of plan.notRunnable) tally.notRunnable(item.requirementId, item.reason);
    const plannedSize = planned.reduce((sum, api) => sum + api.plan.size, 0);
    const targets = [...new Set([...contexts.values()].map((context) => context.target))];
    // Cases are taken one by one as workers free up: a run of any size holds a few cases at a time.
    const queue = (function* () {
      for (const { spec, cases } of planned) for (const testCase of cases) yield { context: contexts.get(spec.api) as ApiContext, testCase };
    })();
    const limiter = options.ratePerSecond ? new RateLimiter(options.ratePerSecond) : undefined;
    const stream = options.json
      ? new ResultsStream(options.json, runHeader({ startedAt: new Date(started), targets, seed: options.seed, runs: options.runs, strict: options.strict, apis: options.apis, ...(options.selection ? { selection: options.selection } : {}), ...(options.label ? { label: options.label } : {}), specs, config: options.config, ...(options.replay ? { replay: options.replay } : {}) }))
      : undefined;
    const progress = new ProgressLine(options.progress, plannedSize, options.showProgress);
    const baselineTargets = [...targets, ...(options.label ? [options.label] : [])];
    const failures = new FailureLog(specs, options.strict, (id) => (options.baseline ? knownDeviation(options.baseline, id, baselineTargets, new Date()) : undefined));
    const deadline = new AbortController();
    const timer = options.deadlineMs ? setTimeout(() => deadline.abort('deadline'), options.deadlineMs) : undefined;
    const onStop = () => deadline.abort('stopped');
    options.stop?.addEventListener('abort', onStop, { once: true });
    if (options.stop?.aborted) onStop();
    const answers = new AnswerWatch();
    let done = 0;
    let failed = 0;
    let exhausted = false;
    if (options.ciProgress) ciProgress = startCiProgress(options.progress, plannedSize, () => ({ done, failed, broken: failures.broken }), { intervalMs: options.progressIntervalMs, startedAt: started });
    const worker = async (): Promise<void> => {
      while (!deadline.signal.aborted) {
        const step = queue.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const item = step.value;
        if (keystone) options.config.auth.token = await keystone.session.freshToken();
        const sender = { dispatcher, limiter, redact, signal: deadline.signal, config: options.config, limits, retry: options.retry ?? DEFAULT_RETRY_POLICY };
        const live = resources && liveApis.has(item.context.spec.api) ? resources : undefined;
        const send = (): Promise<CaseResult> =>
          live
            ? live.exclusive(item.context.spec.api, async () => {
                const created: CreatedResource[] = [];
                const caseResult = await runCase(item.context, item.testCase, { ...sender, onCreated: (resource) => (created.push(resource), live.created(resource)) });
                await live.release(item.context.spec, created);
                return caseResult;
              })
            : runCase(item.context, item.testCase, sender);
        let result = await send();
        // A 401 to the configured token may mean it expired: renewed once, the case is sent again (never a verdict on its own).
        if (keystone && result.response?.status === 401 && (item.testCase.credentials ?? 'configured') === 'configured') {
          options.config.auth.token = await keystone.session.authenticate();
          result = await send();
        }
        if (deadline.signal.aborted) break;
        answers.note(result);
        tally.add(result);
        await stream?.add(result);
        done += 1;
        if (!result.passed) {
          failed += 1;
          const text = failures.note(result);
          if (text) {
            progress.clear();
            options.console.write(text);
          }
          if (options.maxFailures && failures.broken >= options.maxFailures) deadline.abort('max-failures');
        }
        progress.update(done, failed);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    clearTimeout(timer);
    ciProgress?.stop();
    options.stop?.removeEventListener('abort', onStop);
    progress.clear();
    const complete = exhausted && !deadline.signal.aborted;
    if (!complete) {
      const why =
        deadline.signal.reason === 'stopped'
          ? 'The run was interrupted'
          : deadline.signal.reason === 'max-failures'
            ? `The run stopped at ${options.maxFailures} broken requirements (--max-failures)`
            : `The run's deadline (${options.deadlineMs} ms) passed`;
      options.console.write(`${why} after ${done} of about ${plannedSize} planned cases; the results are incomplete and the run fails.\n`);
    }
    for (const { left } of planned) for (const [requirementId, reason] of left.requirements()) tally.notRunnable(requirementId, reason);
    const notSent = casesLeft(planned);
    const leftOut = Object.entries(notSent);
    if (leftOut.length) options.console.write(`Planned but not sent, as asked: ${leftOut.map(([why, count]) => `${count} (${why})`).join(', ')}.\n`);

    const durationMs = Date.now() - started;
    const report = tally.build({
      suiteVersion: suiteVersion(),
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs,
      targets,
      seeds: [options.seed],
      runs: [options.runs],
      strict: options.strict,
      complete,
      notSent,
      sources: [],
      ...(options.label ? { label: options.label } : {}),
    }, [], options.baseline);
    const verdicts = tally.verdicts();
    const exitCode = report.run.exitCode;
    options.console.write(formatSummary(report.apis, report.run.baseline));
    options.console.write(`${done} cases against ${targets.join(', ')}${mock ? ' (the embedded mock)' : ''}, seed ${options.seed}, ${(durationMs / 1000).toFixed(1)} s: ${exitCode === 0 ? 'conformant' : 'NOT conformant'}\n`);
    await stream?.finish({
      finishedAt: report.run.finishedAt,
      durationMs,
      complete,
      exitCode,
      verdicts,
      notSent,
      errata: report.errata,
    });
    for (const api of report.apis) {
      if (api.created > 0) options.console.write(`${api.api}: the run created ${api.created} resources on the target${api.unexpectedlyCreated.count ? `, ${api.unexpectedlyCreated.count} of them by requests a conforming target refuses` : ''}.\n`);
    }
    for (const line of resources?.summary() ?? []) options.console.write(`Cleanup: ${line}\n`);
    if (keystone) options.console.write(`Keystone: ${keystone.session.tokens.length} token(s) issued during the run (renewed as they expired).\n`);
    const warnings = answers.warnings(options.selection?.negativeOnly === true);
    for (const warning of warnings) options.console.write(`Warning: ${warning}\n`);
    const ledger = resources ? { ledger: { file: resources.ledgerFile, outstanding: resources.outstanding() } } : {};
    return { exitCode, complete, verdicts, cases: done, failedCases: failed, durationMs, targets: Object.fromEntries([...contexts.values()].map((c) => [c.spec.api, c.target])), report, warnings, ...ledger };
  } finally {
    ciProgress?.stop();
    await dispatcher.close();
    await mock?.close();
    await keystone?.close();
  }
}
