// The planning thread yields the core to the thread that sends and checks (runner/thread-priority.ts):
// on 2 cores it ran alongside at the same priority and slowed sending by a fifth (BENCHMARKS.md).
import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../apis/api-specs.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { everyPlan, planRun } from '../runner/run-plan.ts';
import { lowerWorkerThreadPriority, PLANNING_THREAD_NICER_BY } from '../runner/thread-priority.ts';

/** The niceness of every thread of this process but the main one. */
function otherThreadsNiceness(): number[] {
  return readdirSync('/proc/self/task')
    .map(Number)
    .filter((id) => id !== process.pid)
    .flatMap((id) => {
      try {
        return [getPriority(id)];
      } catch {
        return []; // ended meanwhile
      }
    });
}

describe.runIf(process.platform === 'linux')("a run's planning thread", () => {
  // As nice as the process is (0 unless the tests run under `nice`), and the planner that much nicer still.
  const own = getPriority();
  const planners = Math.min(19, own + PLANNING_THREAD_NICER_BY);

  it('plans at a lower priority than the thread that sends, which keeps its own', async () => {
    expect(otherThreadsNiceness()).not.toContain(planners);
    const spec = await loadSpec('lbaas-healthmonitors');
    const planned = await planRun([spec], { config: DEFAULT_CONFIG, seed: 3, runs: 5, workers: 1 });
    try {
      await everyPlan(planned);
      expect(otherThreadsNiceness()).toContain(planners);
      expect(getPriority()).toBe(own);
    } finally {
      await planned.close();
    }
  });

  it('is the only one lowered: on the main thread the call changes nothing', () => {
    expect(lowerWorkerThreadPriority(PLANNING_THREAD_NICER_BY)).toBe(false);
    expect(getPriority()).toBe(own);
  });
});
