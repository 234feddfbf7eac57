import { EventEmitter, once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runWithReporters } from '../cli/run-with-reporters.ts';
import { startCiProgress } from '../runner/ci-progress.ts';
import { quietRunOptions } from './support/quiet-run-options.ts';

const PROGRESS_LINE = /^progress: (\d+)\/(\d+) cases, (\d+) failed, (\d+) broken requirements?, \d+ s\n$/;

/** A progress sink that keeps every line and announces each one, so a test awaits lines instead of sleeping. */
function recordingSink(): { write: (text: string) => void; lines: string[]; next: () => Promise<unknown> } {
  const events = new EventEmitter();
  const lines: string[] = [];
  return {
    write: (text) => {
      lines.push(text);
      events.emit('line', text);
    },
    lines,
    next: () => once(events, 'line'),
  };
}

describe('CI progress lines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes one plain line every 10 s by default, with the counts as they are then, and none once stopped', () => {
    vi.useFakeTimers();
    const sink = recordingSink();
    const counts = { done: 0, failed: 0, broken: 0 };
    // Planning threads plan the later APIs while the first is sent: the count grows, marked `+` until complete.
    const planned = { cases: 455, complete: false };
    const progress = startCiProgress(
      sink,
      () => planned,
      () => counts,
    );
    vi.advanceTimersByTime(9_999);
    expect(sink.lines).toEqual([]);
    vi.advanceTimersByTime(1);
    Object.assign(planned, { cases: 655, complete: true });
    Object.assign(counts, { done: 120, failed: 3, broken: 1 });
    vi.advanceTimersByTime(30_000);
    Object.assign(counts, { done: 300, failed: 4, broken: 2 });
    vi.advanceTimersByTime(2_000);
    progress.stop();
    vi.advanceTimersByTime(60_000);
    expect(sink.lines).toEqual([
      'progress: 0/455+ cases, 0 failed, 0 broken requirements, 10 s\n',
      'progress: 120/655 cases, 3 failed, 1 broken requirement, 20 s\n',
      'progress: 120/655 cases, 3 failed, 1 broken requirement, 30 s\n',
      'progress: 120/655 cases, 3 failed, 1 broken requirement, 40 s\n',
    ]);
  });

  it('shows up during a run with a short interval: plain lines, no \\r or escape sequence, counts within the plan', async () => {
    const sink = recordingSink();
    // The rate keeps the run's 87 cases going for about a second: plenty of 20 ms intervals.
    const running = runWithReporters(
      quietRunOptions({
        apis: ['lbaas-healthmonitors'],
        seed: 1,
        runs: 3,
        ratePerSecond: 100,
        mockFaults: ['lbaas-accepts-timeout-not-below-delay'],
        progress: sink,
        ciProgress: true,
        progressIntervalMs: 20,
      }),
    );
    await sink.next();
    const outcome = await running;
    expect(sink.lines.length).toBeGreaterThan(1);
    for (const line of sink.lines) {
      expect(line).toMatch(PROGRESS_LINE);
      expect(line).not.toMatch(/[\r\x1b]/);
    }
    const done = sink.lines.map((line) => Number(PROGRESS_LINE.exec(line)?.[1]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const line of sink.lines) {
      const [, cases, total, failed, broken] = (PROGRESS_LINE.exec(line) as RegExpExecArray).map(Number);
      expect(cases).toBeLessThanOrEqual(total as number);
      expect(cases).toBeLessThanOrEqual(outcome.cases);
      expect(failed).toBeLessThanOrEqual(outcome.failedCases);
      expect(broken).toBeLessThanOrEqual(1);
    }
  });

  it('writes nothing when not asked for (no CI), whatever the interval', async () => {
    const sink = recordingSink();
    await runWithReporters(quietRunOptions({ apis: ['lbaas-healthmonitors'], seed: 1, runs: 3, ratePerSecond: 200, progress: sink, progressIntervalMs: 1 }));
    expect(sink.lines).toEqual([]);
  });
});
