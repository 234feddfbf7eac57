import type { ConsoleSink } from './console-report.ts';

export const CI_PROGRESS_INTERVAL_MS = 10_000;

export interface ProgressCounts {
  done: number;
  failed: number;
  /** Requirements broken so far (explicit and inferred). */
  broken: number;
}

export interface CiProgress {
  stop(): void;
}

export function formatCiProgressLine(counts: ProgressCounts, total: number, elapsedMs: number): string {
  const requirements = counts.broken === 1 ? 'requirement' : 'requirements';
  return `progress: ${counts.done}/${total} cases, ${counts.failed} failed, ${counts.broken} broken ${requirements}, ${Math.round(elapsedMs / 1000)} s\n`;
}

/**
 * Under CI the log is a file, not a terminal: one plain line per interval instead of the live
 * `\r` line. A timer rather than the cases' completions drives it, so a run held up by a slow
 * case still shows it is alive.
 */
export function startCiProgress(
  sink: ConsoleSink,
  total: number,
  counts: () => ProgressCounts,
  timing: { intervalMs?: number; startedAt?: number } = {},
): CiProgress {
  const startedAt = timing.startedAt ?? Date.now();
  const timer = setInterval(() => sink.write(formatCiProgressLine(counts(), total, Date.now() - startedAt)), timing.intervalMs ?? CI_PROGRESS_INTERVAL_MS);
  // The run's end, not this timer, decides when the process may exit.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
