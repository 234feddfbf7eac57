import { describe, expect, it } from 'vitest';
import { runWithReporters, type ReportedRunOptions } from '../cli/run-with-reporters.ts';
import { quietRunOptions } from './support/quiet-run-options.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { runConformance } from '../runner/run-conformance.ts';
import type { RunListener, RunStart, RunSummary } from '../runner/run-listener.ts';

const SEED = 7;
const RUNS = 5;

const quietOptions = (overrides: Partial<ReportedRunOptions> = {}) => quietRunOptions({ seed: SEED, runs: RUNS, ...overrides });

describe('the conformance run against the embedded mock', () => {
  it('passes the conforming mock: exit 0, no requirement broken', async () => {
    const options = quietOptions();
    const outcome = await runWithReporters(options);
    const broken = outcome.verdicts.filter((verdict) => verdict.verdict === 'broken').map((verdict) => verdict.requirementId);
    expect(broken, options.output.join('')).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.cases).toBeGreaterThan(100);
  });

  // Every catalogue fault is caught in suites/mutation.test.ts; here, how a catch is printed.
  it('prints a caught fault with its requirement and a curl that reproduces it, and exits 1', async () => {
    const options = quietOptions({ apis: ['lbaas-healthmonitors'], mockFaults: ['lbaas-accepts-timeout-not-below-delay'] });
    const outcome = await runWithReporters(options);
    expect(outcome.exitCode).toBe(1);
    const output = options.output.join('');
    expect(output).toContain('✗ ');
    expect(output).toContain('lbaas-healthmonitors/timeout-lt-delay');
    expect(output).toContain('reproduce: curl');
  });
});

describe('the conformance run against a target that never answers', () => {
  it('fails each request as a timeout and ends within the whole-run deadline with exit 1', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address() as { port: number };
    try {
      const options = quietOptions({
        apis: ['lbaas-healthmonitors'],
        target: `http://127.0.0.1:${address.port}`,
        runs: 1,
        limits: { timeoutMs: 300, maxBodyBytes: 1024 },
        deadlineMs: 1500,
      });
      const started = Date.now();
      const outcome = await runWithReporters(options);
      expect(outcome.exitCode).toBe(1);
      expect(outcome.complete).toBe(false);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(options.output.join('')).toContain('deadline');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('the run and its listeners', () => {
  it('tells each listener its start, every result with the counts so far, then its end with the footer; it prints no report itself', async () => {
    const told: string[] = [];
    const results: CaseResult[] = [];
    let start: RunStart | undefined;
    let summary: RunSummary | undefined;
    const recorder: RunListener = {
      onStart: (started) => {
        told.push('start');
        start = started;
      },
      onResult: (result, progress) => {
        results.push(result);
        told.push(`result ${progress.done} ${progress.failed}`);
      },
      onFinish: (finished) => {
        told.push('finish');
        summary = finished;
      },
    };
    const second: string[] = [];
    const output: string[] = [];
    const outcome = await runConformance({
      config: DEFAULT_CONFIG,
      apis: ['lbaas-healthmonitors'],
      seed: SEED,
      runs: 1,
      strict: true,
      concurrency: 4,
      console: { write: (text) => void output.push(text) },
      mockFaults: ['lbaas-accepts-timeout-not-below-delay'],
      listeners: [
        recorder,
        { onStart: () => void second.push('start'), onResult: () => void second.push('result'), onFinish: () => void second.push('finish') },
      ],
    });
    expect(told[0]).toBe('start');
    expect(told.at(-1)).toBe('finish');
    expect(told.slice(1, -1)).toEqual(
      results.map((_result, index) => `result ${index + 1} ${results.slice(0, index + 1).filter((result) => !result.passed).length}`),
    );
    expect(second).toEqual(['start', ...results.map(() => 'result'), 'finish']);
    expect(start?.header.seed).toBe(SEED);
    expect(start?.plannedCases()).toMatchObject({ complete: true });
    expect(start?.plannedCases().cases).toBeGreaterThanOrEqual(results.length);
    expect(results.length).toBe(outcome.cases);
    expect(summary?.footer.exitCode).toBe(1);
    expect(summary?.footer.exitCode).toBe(outcome.exitCode);
    expect(summary?.footer.verdicts).toEqual(outcome.verdicts);
    expect(summary?.failedCases).toBe(outcome.failedCases);
    expect(summary?.embeddedMock).toBe(true);
    // The console text is a listener's (cli/run-with-reporters.ts); against the mock, the run itself has nothing to say.
    expect(output).toEqual([]);
  });
});
