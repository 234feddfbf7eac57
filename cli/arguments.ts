import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { API_NAMES, isApiName } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { UsageError } from '../engine/errors.ts';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export const RUN_OPTIONS = {
  target: { type: 'string' },
  config: { type: 'string' },
  api: { type: 'string', multiple: true },
  seed: { type: 'string' },
  runs: { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
  strict: { type: 'boolean' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  'negative-only': { type: 'boolean' },
  'max-creates': { type: 'string' },
  rate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  shard: { type: 'string' },
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
  cleanup: { type: 'boolean' },
  'no-cleanup': { type: 'boolean' },
  ledger: { type: 'string' },
  'max-failures': { type: 'string' },
  'os-cloud': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'strict-baseline': { type: 'boolean' },
  label: { type: 'string' },
  workers: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const satisfies Options;

/** The parsed options of `run` (and of `replay`, which takes most of them). */
export type RunValues = Partial<{
  [K in keyof typeof RUN_OPTIONS]: (typeof RUN_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof RUN_OPTIONS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
}>;

/** `replay` takes run's options but those that choose the cases: the results file chose them. */
export const REPLAY_OPTIONS = {
  target: RUN_OPTIONS.target,
  config: RUN_OPTIONS.config,
  report: RUN_OPTIONS.report,
  junit: RUN_OPTIONS.junit,
  json: RUN_OPTIONS.json,
  strict: RUN_OPTIONS.strict,
  concurrency: RUN_OPTIONS.concurrency,
  timeout: RUN_OPTIONS.timeout,
  deadline: RUN_OPTIONS.deadline,
  rate: RUN_OPTIONS.rate,
  ca: RUN_OPTIONS.ca,
  insecure: RUN_OPTIONS.insecure,
  'no-cleanup': RUN_OPTIONS['no-cleanup'],
  ledger: RUN_OPTIONS.ledger,
  'os-cloud': RUN_OPTIONS['os-cloud'],
  baseline: RUN_OPTIONS.baseline,
  'strict-baseline': RUN_OPTIONS['strict-baseline'],
  label: RUN_OPTIONS.label,
  workers: RUN_OPTIONS.workers,
  'cache-dir': RUN_OPTIONS['cache-dir'],
  'no-cache': RUN_OPTIONS['no-cache'],
  case: { type: 'string', multiple: true },
  failed: { type: 'boolean' },
} as const satisfies Options;

export const CLEANUP_OPTIONS = {
  config: { type: 'string' },
  timeout: { type: 'string' },
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
} as const satisfies Options;

export const MOCK_OPTIONS = {
  port: { type: 'string' },
  config: { type: 'string' },
  fault: { type: 'string', multiple: true },
  personality: { type: 'string' },
} as const satisfies Options;

export const REPORT_OPTIONS = {
  html: { type: 'string' },
  junit: { type: 'string' },
  strict: { type: 'boolean' },
  baseline: { type: 'string' },
  'strict-baseline': { type: 'boolean' },
} as const satisfies Options;

export const BASELINE_OPTIONS = {
  reason: { type: 'string' },
  link: { type: 'string' },
  expires: { type: 'string' },
  target: { type: 'string' },
} as const satisfies Options;

export const SPECS_OPTIONS = {
  api: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const satisfies Options;

/** parseArgs, with its errors turned into a UsageError that names the command. */
export function parseCommandOptions<T extends Options>(
  command: string,
  args: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];
export function parseCommandOptions<T extends Options>(
  command: string,
  args: string[],
  options: T,
  positionals: true,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;
export function parseCommandOptions<T extends Options>(command: string, args: string[], options: T, positionals = false) {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals });
    return positionals ? parsed : parsed.values;
  } catch (error) {
    // A negative number reads as an option to the parser: say so in one line, with the bounds.
    const ambiguous = /^Option '(--[a-z-]+)' argument is ambiguous/.exec((error as Error).message);
    if (ambiguous) throw new UsageError(`${command}: ${ambiguous[1]} needs a value, and a negative number is never one (${ambiguous[1]} takes a whole number)`);
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** `--shard I/N`: the I-th of N shards, 1 <= I <= N. */
export function shardOption(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^([0-9]+)\/([0-9]+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 10_000 || index < 1 || index > count) {
    throw new UsageError(`--shard must be I/N with 1 <= I <= N (e.g. 2/4), got ${JSON.stringify(value)}`);
  }
  return { index, count };
}

export function apiNamesOption(values: string[] | undefined): ApiName[] {
  if (!values || values.length === 0) return [...API_NAMES];
  const unknown = values.filter((name) => !isApiName(name));
  if (unknown.length) throw new UsageError(`unknown API ${unknown.join(', ')}; the APIs are ${API_NAMES.join(', ')}`);
  return [...new Set(values)] as ApiName[];
}

export function urlOption(name: string, value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
}

export function existingFileOption(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !existsSync(value)) throw new UsageError(`--${name}: no such file ${value}`);
  return value;
}
