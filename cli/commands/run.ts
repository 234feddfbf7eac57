import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { ConformanceError, UsageError } from '../../engine/errors.ts';
import type { ApiName } from '../../engine/api-name.ts';
import { loadConfig } from '../../apis/config.ts';
import { resolveKeystoneCredentials } from '../../engine/config/openstack-credentials.ts';
import { withAwsCredentialChain } from '../../engine/sigv4/aws-credentials.ts';
import { DEFAULT_EXCHANGE_LIMITS } from '../../runner/http-exchange.ts';
import { readCaFile } from '../../runner/tls-options.ts';
import { everyPlan, planRun, type PlanOptions } from '../../runner/run-plan.ts';
import { DEFAULT_PLAN_CACHE_DIR } from '../../generators/plan-cache.ts';
import type { CaseSelection } from '../../runner/case-selection.ts';
import { assertPatternsMatch, requirementFilter } from '../../runner/requirement-filter.ts';
import { runHeader } from '../../runner/run-header.ts';
import { apiNamesOption, existingFileOption, integerOption, parseCommandOptions, RUN_OPTIONS, shardOption, urlOption, type RunValues } from '../arguments.ts';
import { printDryRun } from '../dry-run.ts';
import { appendJobSummary } from '../job-summary.ts';
import { baselineOption } from '../baseline-option.ts';
import type { Baseline } from '../../engine/run/baseline.ts';
import { prepareReportOutputs, writeReportOutputs } from '../report-outputs.ts';
import { runWithReporters, type ReporterOptions } from '../run-with-reporters.ts';
import type { ReportModel } from '../../reports/report-model.ts';
import { earlyThreadsFor, planWorkersOf, runsOption, type EarlyThreads } from '../early-planning-threads.ts';

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_SECONDS = 10;

/** What decides the cases of a run: from run's options, or from the results file a replay repeats. */
export interface RunCases {
  seed: number;
  runs: number;
  apis: ApiName[];
  selection: CaseSelection;
  /** True when --api named the APIs (an --include does not narrow them then). */
  apisNamed: boolean;
  replay?: { of: string; cases: string[] };
}

/** `conformance run`: the cases from the options, then the run (with the planning threads `early` started, when they are the ones it needs). */
export async function runCommand(args: string[], early?: EarlyThreads): Promise<number> {
  const options = parseCommandOptions('run', args, RUN_OPTIONS);
  const shard = shardOption(options.shard);
  const maxCreates = integerOption('max-creates', options['max-creates'], 0, 1_000_000_000);
  const selection: CaseSelection = {
    ...(shard ? { shard } : {}),
    ...(options['negative-only'] ? { negativeOnly: true } : {}),
    ...(maxCreates !== undefined ? { maxCreates } : {}),
    ...(options.include?.length ? { include: options.include } : {}),
    ...(options.exclude?.length ? { exclude: options.exclude } : {}),
  };
  return executeRun(
    options,
    {
      seed: integerOption('seed', options.seed, 0, 2 ** 31 - 1) ?? Math.floor(Math.random() * 2 ** 31),
      runs: runsOption(options),
      apis: apiNamesOption(options.api),
      apisNamed: Boolean(options.api?.length),
      selection,
    },
    early,
  );
}

/** --include/--exclude must name requirements; without --api, they also choose the APIs (those with a requirement kept). */
async function apisOfSelection(cases: RunCases): Promise<ApiName[]> {
  const { include, exclude } = cases.selection;
  if (!include?.length && !exclude?.length) return cases.apis;
  const specs = await Promise.all(cases.apis.map((api) => loadSpec(api)));
  assertPatternsMatch(
    { include, exclude },
    specs.flatMap((spec) => spec.requirements.map((requirement) => requirement.id)),
  );
  if (cases.apisNamed || !include?.length) return cases.apis;
  const kept = requirementFilter({ include, exclude });
  return specs.filter((spec) => spec.requirements.some((requirement) => kept(requirement.id))).map((spec) => spec.api);
}

/** Sends the cases and writes the reports; a run that ends with exit 2 past this point still writes its JSON and JUnit, saying why. */
export async function executeRun(options: RunValues, asked: RunCases, early?: EarlyThreads): Promise<number> {
  const outputs = { html: options.report, junit: options.junit };
  prepareReportOutputs({ ...outputs, json: options.json, ledger: options.ledger });
  const started = new Date();
  const cases = { ...asked, apis: await apisOfSelection(asked) };
  try {
    const baseline = await baselineOption(options.baseline, options['strict-baseline']);
    return await configuredRun(options, cases, outputs, baseline, early);
  } catch (error) {
    if (!(error instanceof ConformanceError) || options['dry-run']) throw error;
    const header = runHeader({
      startedAt: started,
      targets: options.target ? [options.target] : [],
      seed: cases.seed,
      runs: cases.runs,
      strict: options.strict ?? false,
      apis: cases.apis,
      selection: cases.selection,
      ...(cases.replay ? { replay: cases.replay } : {}),
      ...(options.label ? { label: options.label } : {}),
    });
    const { writeRunErrorOutputs } = await import('../../reports/run-error-outputs.ts');
    for (const line of writeRunErrorOutputs({ json: options.json, junit: options.junit }, header, error)) process.stdout.write(`${line}\n`);
    throw error;
  }
}

async function configuredRun(
  options: RunValues,
  cases: RunCases,
  outputs: { html?: string; junit?: string },
  baseline: Baseline | undefined,
  early: EarlyThreads | undefined,
): Promise<number> {
  const target = urlOption('target', options.target);
  const config = await withAwsCredentialChain(loadConfig(existingFileOption('config', options.config)));
  checkConfiguredTargets(config);
  const limits = runLimits(options);
  const keystone = resolveKeystoneCredentials(config.auth.keystone, options['os-cloud']);
  if (options.cleanup && options['no-cleanup']) throw new UsageError('--cleanup and --no-cleanup contradict each other');
  const { seed, runs, apis, selection } = cases;
  const planning = planningOptions(options, cases);
  if (options['dry-run']) return dryRun(config, cases, planning);
  const tls = { ...(options.ca ? { ca: readCaFile(options.ca) } : {}), ...(options.insecure ? { insecure: true } : {}) };
  const threads = earlyThreadsFor(early, planning.workers ?? 0, apis);
  return stoppedBySignals(async (stop) => {
    const outcome = await runWithReporters({
      stop,
      config,
      apis,
      selection,
      tls,
      ...(limits.ratePerSecond ? { ratePerSecond: limits.ratePerSecond } : {}),
      ...(target ? { target: target.toString().replace(/\/$/, '') } : {}),
      seed,
      runs,
      strict: options.strict ?? false,
      ...(options.json ? { json: options.json } : {}),
      concurrency: limits.concurrency,
      ...planning,
      ...(threads ? { threads } : {}),
      limits: { ...DEFAULT_EXCHANGE_LIMITS, timeoutMs: limits.timeoutSeconds * 1000 },
      ...(limits.deadlineSeconds ? { deadlineMs: limits.deadlineSeconds * 1000 } : {}),
      ...(options['no-cleanup'] ? { cleanup: false } : {}),
      ...(options.ledger ? { ledger: options.ledger } : {}),
      ...(limits.maxFailures ? { maxFailures: limits.maxFailures } : {}),
      ...(keystone ? { keystone } : {}),
      ...(cases.replay ? { replay: cases.replay } : {}),
      ...(baseline ? { baseline } : {}),
      ...(options.label ? { label: options.label } : {}),
      ...terminalReporters(),
      // For the suite's own proof of power: faults switched on in the embedded mock when it is the target.
      mockFaults: (process.env.CONFORMANCE_MOCK_FAULTS ?? '').split(',').filter(Boolean),
    });
    await writeOutputs(outcome.report, outputs, options.json);
    return outcome.exitCode;
  });
}

/** The config's target URLs (the whole run's and each API's) are checked like --target. */
function checkConfiguredTargets(config: ConformanceConfig): void {
  urlOption('target', config.target);
  for (const [api, settings] of Object.entries(config.apis)) urlOption(`apis.${api}.target`, settings?.target);
}

/** The run's numeric options, each within its bounds. */
function runLimits(options: RunValues) {
  return {
    concurrency: integerOption('concurrency', options.concurrency, 1, 1024) ?? DEFAULT_CONCURRENCY,
    timeoutSeconds: integerOption('timeout', options.timeout, 1, 3600) ?? DEFAULT_TIMEOUT_SECONDS,
    deadlineSeconds: integerOption('deadline', options.deadline, 1, 7 * 24 * 3600),
    ratePerSecond: integerOption('rate', options.rate, 1, 1_000_000),
    maxFailures: integerOption('max-failures', options['max-failures'], 1, 1_000_000),
  };
}

/** --workers, --cache-dir and --no-cache: who plans, and where boundary plans are kept between runs. */
function planningOptions(options: RunValues, { runs, apis }: RunCases): Pick<PlanOptions, 'workers' | 'cacheDir'> {
  if (options['no-cache'] && options['cache-dir']) throw new UsageError('--cache-dir and --no-cache contradict each other');
  const workers = planWorkersOf(options, runs, apis);
  return { workers, ...(options['no-cache'] ? {} : { cacheDir: options['cache-dir'] ?? DEFAULT_PLAN_CACHE_DIR }) };
}

/** --dry-run: the cases the run would send, and the seed; nothing is sent. */
async function dryRun(
  config: ConformanceConfig,
  { seed, runs, apis, selection }: RunCases,
  planning: Pick<PlanOptions, 'workers' | 'cacheDir'>,
): Promise<number> {
  const specs = await Promise.all(apis.map((api) => loadSpec(api)));
  const planned = await planRun(specs, { config, seed, runs, selection, ...planning });
  try {
    await printDryRun(await everyPlan(planned), (text) => process.stdout.write(text));
  } finally {
    await planned.close();
  }
  process.stdout.write(`seed ${seed}\n`);
  return 0;
}

/** SIGINT and SIGTERM stop the run at once; what ran is still reported, marked incomplete. */
async function stoppedBySignals(run: (stop: AbortSignal) => Promise<number>): Promise<number> {
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await run(interrupt.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The console text on stdout; on stderr, a terminal's live progress line or, under CI, a plain one every 10 s. */
function terminalReporters(): Pick<ReporterOptions, 'console' | 'progress' | 'showProgress' | 'ciProgress'> {
  return {
    console: process.stdout,
    progress: process.stderr,
    showProgress: Boolean(process.stderr.isTTY) && !process.env.CI,
    ciProgress: Boolean(process.env.CI),
  };
}

/** Once the run is over: the HTML and JUnit reports asked for, where the JSON results are, and the GitHub job summary. */
async function writeOutputs(report: ReportModel, outputs: { html?: string; junit?: string }, json: string | undefined): Promise<void> {
  for (const line of await writeReportOutputs(report, outputs)) process.stdout.write(`${line}\n`);
  if (json) process.stdout.write(`JSON results: ${json}\n`);
  appendJobSummary(report);
}
