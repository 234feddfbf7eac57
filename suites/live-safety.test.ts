import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import { mergeResultFiles } from '../reports/merge-results.ts';
import { runWithReporters, type ReportedRunOptions } from '../cli/run-with-reporters.ts';
import { RateLimiter } from '../runner/rate-limiter.ts';
import { quietRunOptions } from './support/quiet-run-options.ts';
import { LEFT_BY_MAX_CREATES, LEFT_BY_NEGATIVE_ONLY } from '../engine/run/not-sent-reasons.ts';

const SEED = 11;
const RUNS = 4;

const options = (overrides: Partial<ReportedRunOptions>) => quietRunOptions({ seed: SEED, runs: RUNS, ...overrides });

function createdOnMock(mock: RunningMock): Record<ApiName, number> {
  return Object.fromEntries(API_NAMES.map((api) => [api, mock.state[api]!.createdCount])) as Record<ApiName, number>;
}

describe('live-endpoint safety', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ config: DEFAULT_CONFIG });
  });
  afterAll(async () => mock.close());

  it('--negative-only creates nothing on a conforming target (its state proves it), and says what it left out', async () => {
    mock.reset();
    const output: string[] = [];
    const outcome = await runWithReporters(
      options({ target: mock.url, selection: { negativeOnly: true }, console: { write: (text) => void output.push(text) } }),
    );
    expect(Object.values(createdOnMock(mock))).toEqual([0, 0, 0, 0, 0]);
    expect(outcome.cases).toBeGreaterThan(300);
    expect(outcome.report.apis.every((api) => api.created === 0)).toBe(true);
    expect(outcome.report.run.notSent[LEFT_BY_NEGATIVE_ONLY]).toBeGreaterThan(0);
    expect(output.join('')).toContain('Planned but not sent, as asked');
    // Only valid requests test the documented success: it is reported not run, with the reason.
    const success = outcome.report.requirements.find((row) => row.id === 'lbaas-healthmonitors/response-status-created');
    expect(success).toMatchObject({ verdict: 'not-run' });
    expect(success?.notRunReason).toContain('--negative-only');
    expect(outcome.exitCode).toBe(0);
  });

  it('--max-creates N sends at most N creating requests per API, and the report counts what was created', async () => {
    mock.reset();
    const outcome = await runWithReporters(options({ target: mock.url, selection: { maxCreates: 2 } }));
    const created = createdOnMock(mock);
    for (const api of API_NAMES) {
      expect(created[api], api).toBeLessThanOrEqual(2);
      expect(outcome.report.apis.find((report) => report.api === api)?.created, api).toBe(created[api]);
    }
    expect(outcome.report.run.notSent[LEFT_BY_MAX_CREATES]).toBeGreaterThan(0);
  });

  it('flags an invalid request the target accepted as a created resource', async () => {
    const outcome = await runWithReporters(options({ apis: ['lbaas-healthmonitors'], mockFaults: ['lbaas-accepts-timeout-not-below-delay'] }));
    const lbaas = outcome.report.apis[0];
    expect(lbaas?.unexpectedlyCreated.count).toBeGreaterThan(0);
    expect(lbaas?.unexpectedlyCreated.caseIds.some((id) => id.startsWith('lbaas-healthmonitors/timeout-lt-delay#negative'))).toBe(true);
  });
});

describe('--rate', () => {
  afterAll(() => vi.useRealTimers());

  it('spaces request starts evenly at the given rate', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(4);
    let started = 0;
    const takes = Array.from({ length: 5 }, () => limiter.take().then(() => (started += 1)));
    const startedAfter: number[] = [];
    for (let step = 0; step < 5; step += 1) {
      await vi.advanceTimersByTimeAsync(step === 0 ? 0 : 250);
      startedAfter.push(started);
    }
    await Promise.all(takes);
    // One start at once, then one every 250 ms (4 per second).
    expect(startedAfter).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops waiting at once when the run is aborted', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(1);
    await limiter.take();
    const stop = new AbortController();
    const waiting = limiter.take(stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('--shard I/N', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shards-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('four shards merged give the same verdicts and case count as the unsharded run', async () => {
    const apis: ApiName[] = ['lbaas-healthmonitors', 'orchestration-stacks', 'cloudbasic-cluster'];
    const plans: Partial<Record<ApiName, ApiPlan>> = {};
    for (const api of apis) plans[api] = planApi(await loadSpec(api), DEFAULT_CONFIG, { seed: SEED, runs: RUNS });
    const faulty = { apis, plans, mockFaults: ['lbaas-accepts-timeout-not-below-delay'] };
    const whole = await runWithReporters(options({ ...faulty, json: path.join(dir, 'whole.json') }));
    const shardFiles: string[] = [];
    for (let index = 1; index <= 4; index += 1) {
      const file = path.join(dir, `shard-${index}.json`);
      shardFiles.push(file);
      const shard = await runWithReporters(options({ ...faulty, json: file, selection: { shard: { index, count: 4 } } }));
      expect(shard.cases).toBeLessThan(whole.cases);
    }
    const specs = await Promise.all(apis.map((api) => loadSpec(api)));
    const merged = await mergeResultFiles(shardFiles, specs, { strict: true });
    expect(merged.run.cases).toBe(whole.cases);
    const verdicts = (rows: typeof merged.requirements) => rows.map((row) => [row.id, row.verdict, row.positiveCases, row.negativeCases, row.failedCases]);
    expect(verdicts(merged.requirements)).toEqual(verdicts(whole.report.requirements));
    expect(merged.run.exitCode).toBe(1);
    expect(merged.run.notSent).toEqual({});
  });
});
