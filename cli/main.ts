import { readFileSync } from 'node:fs';
import { loadSpec } from '../engine/spec-loader.ts';
import { ConformanceError, UsageError } from '../engine/errors.ts';
import { runConformance } from '../runner/run-conformance.ts';
import { DEFAULT_EXCHANGE_LIMITS } from '../runner/http-exchange.ts';
import { PROJECT_ROOT } from '../engine/api-catalogue.ts';
import {
  apiNamesOption,
  existingFileOption,
  integerOption,
  MOCK_OPTIONS,
  parseCommandOptions,
  RUN_OPTIONS,
  shardOption,
  SPECS_OPTIONS,
  urlOption,
} from './arguments.ts';
import { formatSummaryTable, summarizeSpec } from './specs-summary.ts';
import { loadConfig } from '../engine/config.ts';
import { resolveKeystoneCredentials } from '../engine/openstack-credentials.ts';
import { withAwsCredentialChain } from '../engine/aws-credentials.ts';
import type { Personality } from '../mock/mock-server.ts';
import { mockOperationsList, startMockOrExplain } from './mock-startup.ts';
import { USAGE } from './usage.ts';
import { reportCommand } from './report-command.ts';
import { cleanupCommand } from './cleanup-command.ts';
import { printDryRun } from './dry-run.ts';
import { readCaFile } from '../runner/tls-options.ts';
import { planRun } from '../runner/run-plan.ts';
import { prepareReportOutputs, writeReportOutputs } from './report-outputs.ts';
import { appendJobSummary } from './job-summary.ts';

export const EXIT = { conformant: 0, failures: 1, usage: 2 } as const;

function version(): string {
  const manifest = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string };
  return manifest.version;
}

const DEFAULT_RUNS = 50;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_SECONDS = 10;

async function runCommand(args: string[]): Promise<number> {
  const options = parseCommandOptions('run', args, RUN_OPTIONS);
  const target = urlOption('target', options.target);
  const config = await withAwsCredentialChain(loadConfig(existingFileOption('config', options.config)));
  for (const [name, value] of [['target', config.target], ...Object.entries(config.apis).map(([api, v]) => [`apis.${api}.target`, v?.target])] as [string, string | undefined][]) {
    urlOption(name, value);
  }
  const seed = integerOption('seed', options.seed, 0, 2 ** 31 - 1) ?? Math.floor(Math.random() * 2 ** 31);
  const runs = integerOption('runs', options.runs, 0, 1_000_000) ?? DEFAULT_RUNS;
  const concurrency = integerOption('concurrency', options.concurrency, 1, 1024) ?? DEFAULT_CONCURRENCY;
  const timeoutSeconds = integerOption('timeout', options.timeout, 1, 3600) ?? DEFAULT_TIMEOUT_SECONDS;
  const deadlineSeconds = integerOption('deadline', options.deadline, 1, 7 * 24 * 3600);
  const maxCreates = integerOption('max-creates', options['max-creates'], 0, 1_000_000_000);
  const ratePerSecond = integerOption('rate', options.rate, 1, 1_000_000);
  const shard = shardOption(options.shard);
  const maxFailures = integerOption('max-failures', options['max-failures'], 1, 1_000_000);
  const keystone = resolveKeystoneCredentials(config.auth.keystone, options['os-cloud']);
  if (options.cleanup && options['no-cleanup']) throw new UsageError('--cleanup and --no-cleanup contradict each other');
  const selection = { ...(shard ? { shard } : {}), ...(options['negative-only'] ? { negativeOnly: true } : {}), ...(maxCreates !== undefined ? { maxCreates } : {}) };
  const apis = apiNamesOption(options.api);
  if (options['dry-run']) {
    const specs = await Promise.all(apis.map((api) => loadSpec(api)));
    printDryRun(planRun(specs, { config, seed, runs, selection }), (text) => process.stdout.write(text));
    process.stdout.write(`seed ${seed}\n`);
    return EXIT.conformant;
  }
  const tls = { ...(options.ca ? { ca: readCaFile(options.ca) } : {}), ...(options.insecure ? { insecure: true } : {}) };
  const outputs = { html: options.report, junit: options.junit };
  prepareReportOutputs({ ...outputs, json: options.json, ledger: options.ledger });
  // SIGINT stops the run at once; what ran is still reported, marked incomplete.
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const outcome = await runConformance({
    stop: interrupt.signal,
    config,
    apis,
    selection,
    tls,
    ...(ratePerSecond ? { ratePerSecond } : {}),
    ...(target ? { target: target.toString().replace(/\/$/, '') } : {}),
    seed,
    runs,
    strict: options.strict ?? false,
    ...(options.json ? { json: options.json } : {}),
    concurrency,
    limits: { ...DEFAULT_EXCHANGE_LIMITS, timeoutMs: timeoutSeconds * 1000 },
    ...(deadlineSeconds ? { deadlineMs: deadlineSeconds * 1000 } : {}),
    ...(options['no-cleanup'] ? { cleanup: false } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
    ...(maxFailures ? { maxFailures } : {}),
    ...(keystone ? { keystone } : {}),
    console: process.stdout,
    progress: process.stderr,
    showProgress: Boolean(process.stderr.isTTY) && !process.env.CI,
    ciProgress: Boolean(process.env.CI),
    // For the suite's own proof of power: faults switched on in the embedded mock when it is the target.
    mockFaults: (process.env.CONFORMANCE_MOCK_FAULTS ?? '').split(',').filter(Boolean),
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  for (const line of writeReportOutputs(outcome.report, outputs)) process.stdout.write(`${line}\n`);
  if (options.json) process.stdout.write(`JSON results: ${options.json}\n`);
  appendJobSummary(outcome.report);
  return outcome.exitCode;
}

function personalityOption(value: string | undefined): Personality {
  if (value === undefined || value === 'strict' || value === 'lenient') return value ?? 'strict';
  throw new UsageError(`--personality must be strict or lenient, got ${JSON.stringify(value)}`);
}

async function serveMock(args: string[]): Promise<number> {
  const options = parseCommandOptions('mock', args, MOCK_OPTIONS);
  const port = integerOption('port', options.port, 0, 65535);
  const config = loadConfig(existingFileOption('config', options.config));
  const mock = await startMockOrExplain({ port: port ?? 0, config, faults: options.fault ?? [], personality: personalityOption(options.personality) });
  process.stdout.write(`conformance mock: listening on ${mock.url}\n${mockOperationsList(mock)}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await mock.close();
  process.stdout.write(`conformance mock: stopped (${signal})\n`);
  return EXIT.conformant;
}

async function printSpecs(args: string[]): Promise<number> {
  const options = parseCommandOptions('specs', args, SPECS_OPTIONS);
  const specs = await Promise.all(apiNamesOption(options.api).map((api) => loadSpec(api)));
  const summaries = specs.map(summarizeSpec);
  process.stdout.write(options.json ? `${JSON.stringify(summaries, null, 2)}\n` : `${formatSummaryTable(summaries)}\n`);
  return EXIT.conformant;
}

async function dispatch(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.conformant;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version()}\n`);
    return EXIT.conformant;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return EXIT.conformant;
  }
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'mock':
      return serveMock(rest);
    case 'specs':
      return printSpecs(rest);
    case 'report':
      return reportCommand(rest);
    case 'cleanup':
      return cleanupCommand(rest);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/** Runs the CLI; returns the exit status. Known errors print their message and hint, never a stack. */
export async function main(args: string[]): Promise<number> {
  try {
    return await dispatch(args);
  } catch (error) {
    if (error instanceof ConformanceError) {
      process.stderr.write(`conformance: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    throw error;
  }
}
