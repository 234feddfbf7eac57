import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../engine/project-files.ts';
import { DEFAULT_EXCHANGE_LIMITS } from '../../runner/http-exchange.ts';
import { runWithReporters, type ReportedRunOptions, type ReportedRunOutcome } from '../../cli/run-with-reporters.ts';
import type { CaseExample } from '../../reports/report-model.ts';
import { configForOracle } from './oracle-configs.ts';
import type { OracleName, RunningOracle } from './oracle-server.ts';

/** The run against a real server: the same requests every time (seed 1), 20 random valid ones per API. */
export const REAL_SERVER_SEED = 1;
export const REAL_SERVER_RUNS = 20;
/**
 * The oracles serve one request at a time (a single-threaded wsgiref server): more requests in
 * flight would only queue there, so the run sends them one by one.
 */
const REAL_SERVER_CONCURRENCY = 1;
/** Generous per-request bound: Nova and Heat answer in milliseconds, but CI machines are shared. */
const REAL_SERVER_REQUEST_TIMEOUT_MS = 30_000;

export const EXPECTED_BROKEN_FILE = path.join(PROJECT_ROOT, 'suites', 'real-servers', 'expected-broken.json');
export const REAL_SERVERS_DOC = path.join(PROJECT_ROOT, 'docs', 'real-servers.md');

export type ExpectedBroken = Partial<Record<OracleName, string[]>>;

export function readExpectedBroken(): ExpectedBroken {
  return JSON.parse(readFileSync(EXPECTED_BROKEN_FILE, 'utf8')) as ExpectedBroken;
}

/**
 * Octavia runs with ORACLE_SETTLE_SECONDS=1, as a real provider takes time: each create and
 * delete waits for the load balancer, one case at a time. Fewer random requests keep it short.
 */
export const ORACLE_ENVIRONMENT: Partial<Record<OracleName, Record<string, string>>> = { 'lbaas-healthmonitors': { ORACLE_SETTLE_SECONDS: '1' } };
const RUNS_OF: Partial<Record<OracleName, number>> = { 'lbaas-healthmonitors': 5 };

/** The oracle's own list of the resources the API creates: what a run must leave empty. */
export async function resourcesLeft(oracle: RunningOracle): Promise<unknown[]> {
  const project = (oracle.fixtures as { project_id: string }).project_id;
  const list = {
    'lbaas-healthmonitors': { path: '/v2/lbaas/healthmonitors', key: 'healthmonitors' },
    'compute-servers': { path: `/v2/${project}/servers`, key: 'servers' },
    'orchestration-stacks': { path: `/v1/${project}/stacks`, key: 'stacks' },
  }[oracle.name];
  const answer = await fetch(`${oracle.url}${list.path}`, { headers: { 'x-auth-token': 'oracle-member-token', accept: 'application/json' } });
  if (!answer.ok) throw new Error(`GET ${list.path} on ${oracle.name} answered ${answer.status}`);
  const items = ((await answer.json()) as Record<string, unknown>)[list.key];
  if (!Array.isArray(items)) throw new Error(`GET ${list.path} on ${oracle.name} has no ${list.key} list`);
  return items;
}

/** Runs the suite (the oracle's API only) against a running oracle. */
export function runAgainstOracle(
  oracle: RunningOracle,
  output: Pick<ReportedRunOptions, 'console' | 'progress' | 'showProgress'>,
  more: Partial<ReportedRunOptions> = {},
): Promise<ReportedRunOutcome> {
  return runWithReporters({
    config: configForOracle(oracle),
    apis: [oracle.name],
    seed: REAL_SERVER_SEED,
    runs: RUNS_OF[oracle.name] ?? REAL_SERVER_RUNS,
    ...more,
    strict: false,
    concurrency: REAL_SERVER_CONCURRENCY,
    limits: { ...DEFAULT_EXCHANGE_LIMITS, timeoutMs: REAL_SERVER_REQUEST_TIMEOUT_MS },
    ...output,
  });
}

/** The ids of the explicit requirements the run found broken, sorted. */
export function brokenExplicit(outcome: ReportedRunOutcome): string[] {
  return outcome.verdicts
    .filter((verdict) => verdict.verdict === 'broken' && verdict.level === 'explicit')
    .map((verdict) => verdict.requirementId)
    .sort();
}

function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

function formatExample(example: CaseExample): string {
  const body =
    example.requestBody === undefined ? '(no body)' : typeof example.requestBody === 'string' ? example.requestBody : JSON.stringify(example.requestBody);
  const answer = example.response ? `${example.response.status} ${excerpt(example.response.bodyExcerpt, 600)}` : `no answer: ${example.error ?? 'unknown'}`;
  return [
    `  first failing case: ${example.caseId} (${example.polarity}) — ${example.description}`,
    `    request:  ${example.method} ${example.url}`,
    `    body:     ${excerpt(body, 1200)}`,
    `    expected: ${example.expectedStatuses.join(' or ')}`,
    `    answer:   ${answer}`,
    ...example.failedChecks.map((check) => `    failed:   ${check.check} (${check.requirementId}): ${excerpt(check.message, 400)}`),
  ].join('\n');
}

/** Why one requirement came out as it did, for a failure message: the first failing case, or the verdict. */
export function explainRequirement(outcome: ReportedRunOutcome, requirementId: string): string {
  const row = outcome.report.requirements.find((requirement) => requirement.id === requirementId);
  if (!row) return `${requirementId}: not a requirement of this run's spec`;
  const head = `${requirementId} [${row.level}, ${row.verdict}${row.notRunReason ? `: ${row.notRunReason}` : ''}; ${row.failedCases} failed of ${row.positiveCases + row.negativeCases} cases]`;
  const first = row.counterexamples[0];
  return first ? `${head}\n${formatExample(first)}` : head;
}

/** The difference between the broken explicit ids of a run and the committed list, explained. */
export function brokenDifference(outcome: ReportedRunOutcome, expected: string[]): { unexpected: string[]; missing: string[]; message: string } {
  const actual = brokenExplicit(outcome);
  const unexpected = actual.filter((id) => !expected.includes(id));
  const missing = expected.filter((id) => !actual.includes(id));
  const parts: string[] = [];
  if (unexpected.length)
    parts.push(
      `Broken but not in ${path.relative(PROJECT_ROOT, EXPECTED_BROKEN_FILE)} (${unexpected.length}):\n${unexpected.map((id) => explainRequirement(outcome, id)).join('\n')}`,
    );
  if (missing.length)
    parts.push(
      `In ${path.relative(PROJECT_ROOT, EXPECTED_BROKEN_FILE)} but not broken now (${missing.length}):\n${missing.map((id) => explainRequirement(outcome, id)).join('\n')}`,
    );
  return { unexpected, missing, message: parts.join('\n\n') };
}
