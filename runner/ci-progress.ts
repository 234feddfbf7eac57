import type { ConsoleSink } from './console-report.ts';
import { plannedCountText, type PlannedCount, type RunListener, type RunProgress } from './run-listener.ts';

export const CI_PROGRESS_INTERVAL_MS = 10_000;

/** The counts a progress line shows. */
export type ProgressCounts = RunProgress;

export interface CiProgress {
  stop(): void;
}

export function formatCiProgressLine(counts: ProgressCounts, total: PlannedCount, elapsedMs: number): string {
  const requirements = counts.broken === 1 ? 'requirement' : 'requirements';
  return `progress: ${counts.done}/${plannedCountText(total)} cases, ${counts.failed} failed, ${counts.broken} broken ${requirements}, ${Math.round(elapsedMs / 1000)} s\n`;
}

/**
 * Under CI the log is a file, not a terminal: one plain line per interval instead of the live
 * `\r` line. A timer rather than the cases' completions drives it, so a run held up by a slow
 * case still shows it is alive.
 */
export function startCiProgress(
  sink: ConsoleSink,
  total: () => PlannedCount,
  counts: () => ProgressCounts,
  timing: { intervalMs?: number; startedAt?: number } = {},
): CiProgress {
  const startedAt = timing.startedAt ?? Date.now();
  const timer = setInterval(() => sink.write(formatCiProgressLine(counts(), total(), Date.now() - startedAt)), timing.intervalMs ?? CI_PROGRESS_INTERVAL_MS);
  // The run's end, not this timer, decides when the process may exit.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The CI progress line as a listener: started with the run, fed each result's counts, stopped at its end (or by `stop`, should the run throw). */
export function ciProgressListener(sink: ConsoleSink, intervalMs?: number): RunListener & CiProgress {
  let counts: ProgressCounts = { done: 0, failed: 0, broken: 0 };
  let progress: CiProgress | undefined;
  const stop = () => progress?.stop();
  return {
    onStart: (start) => {
      progress = startCiProgress(sink, start.plannedCases, () => counts, { intervalMs, startedAt: Date.parse(start.header.startedAt) });
    },
    onResult: (_result, now) => {
      counts = now;
    },
    onFinish: stop,
    stop,
  };
}
