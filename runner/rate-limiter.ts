/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * At most `perSecond` request starts per second over the whole run (--rate), spaced evenly:
 * each caller gets the next free slot and waits for it; an abort ends the wait at once.
 */
export class RateLimiter {
  private nextSlot = 0;
  private readonly spacingMs: number;

  constructor(perSecond: number) {
    this.spacingMs = 1000 / perSecond;
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.spacingMs;
    if (slot > now) await pause(slot - now, signal);
  }
}
