import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import path from 'node:path';

/**
 * How much nicer a planning thread is than the process: below the thread that sends and checks,
 * so that on a busy machine the planner takes what the sender leaves (planning runs ahead,
 * sending sets the run's pace), and not so low that any other process starves it.
 */
export const PLANNING_THREAD_NICER_BY = 10;

/** The highest niceness (the lowest priority) there is. */
const NICEST = 19;

/** The calling thread's id on Linux (/proc/thread-self links to `<pid>/task/<tid>`); undefined elsewhere. */
function thisThreadId(): number | undefined {
  try {
    const id = Number(path.basename(readlinkSync('/proc/thread-self')));
    return Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes a worker thread `by` nicer than it is (a lower scheduling priority), and says whether it
 * could. Linux keeps a niceness per thread (setpriority given a thread id, which os.setPriority
 * passes on); elsewhere a priority is the whole process's, and the main thread's is never
 * touched: both are left alone.
 */
export function lowerWorkerThreadPriority(by: number): boolean {
  const threadId = thisThreadId();
  if (threadId === undefined || threadId === process.pid) return false;
  try {
    setPriority(threadId, Math.min(NICEST, getPriority(threadId) + by));
    return true;
  } catch {
    // A sandbox may refuse even a lower priority: the thread plans as it is.
    return false;
  }
}
