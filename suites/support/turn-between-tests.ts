import { beforeEach } from 'vitest';

// Many tests plan synchronously for seconds. Vitest runs a file's synchronous tests back to back
// without giving the event loop a turn, so a file of them blocks its worker for minutes: the
// worker's calls to the main thread time out ("Timeout calling onTaskUpdate") and the run fails
// although every test passed. One timers turn before each test bounds a block to one test.
// The real setTimeout, taken before any test can install fake timers (vi.useFakeTimers).
const realSetTimeout = globalThis.setTimeout;
beforeEach(() => new Promise<void>((resolve) => realSetTimeout(resolve, 0)));
