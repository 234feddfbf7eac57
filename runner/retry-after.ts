import { setTimeout as wait } from 'node:timers/promises';
import type { ExchangeOutcome } from './http-exchange.ts';
import type { CheckOutcome } from '../engine/run/run-model.ts';

/** How long the suite waits for a throttling target (429, or 503 with Retry-After) before reporting it. */
export interface RetryPolicy {
  /** Sends after the first, at most. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for: the answer is reported as throttled. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, maxWaitMs: 30_000 };

/** Why a throttled answer was given up on. */
export type ThrottleReason = 'beyond-bound' | 'retries-exhausted' | 'unparseable' | 'no-retry-after';

/** Attached to the last answer when the target was still throttling when the suite gave up. */
export interface ThrottleNote {
  /** 429 or 503. */
  status: number;
  /** The Retry-After header as sent, when there was one. */
  retryAfter?: string;
  /** What it asked for, in ms, when it parsed. */
  retryAfterMs?: number;
  /** Retries made (each after the wait asked for). */
  retries: number;
  /** Total time spent waiting. */
  waitedMs: number;
  reason: ThrottleReason;
  /** One sentence for the report: "429 with Retry-After 120 s, beyond the suite's 30 s bound: not retried". */
  message: string;
}

export type HonouredOutcome = ExchangeOutcome & {
  /** Present when the last answer is still a throttle the suite gave up on. */
  throttled?: ThrottleNote;
  /** Present when the suite retried at least once (whatever the last answer). */
  retried?: { count: number; waitedMs: number };
};

const THROTTLING = new Set([429, 503]);

/**
 * A Retry-After value in ms from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * `now` is the answer's own Date header when it has one (the server's clock, so a skewed
 * local clock does not stretch the wait), else the local clock. A date already past is 0.
 */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date names its day and month in letters: a bare number or garbage is not one.
  if (!/^[A-Za-z]{3},? /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function retryAfterHeader(outcome: ExchangeOutcome): { status: number; value: string | undefined; askedMs: number | undefined } | undefined {
  if (!('response' in outcome) || !THROTTLING.has(outcome.response.status)) return undefined;
  const { headers, status } = outcome.response;
  const value = headers['retry-after'];
  if (value === undefined) return { status, value, askedMs: undefined };
  const serverNow = headers.date !== undefined ? Date.parse(headers.date) : Number.NaN;
  return { status, value, askedMs: parseRetryAfter(value, Number.isNaN(serverNow) ? Date.now() : serverNow) };
}

/**
 * Sends, and while the answer is a 429 or a 503 whose Retry-After is within the bound, waits
 * as asked and sends again (`send` rebuilds the request each time, so a signature is fresh),
 * up to `maxRetries` times. Gives up on a wait beyond the bound, an unparseable Retry-After,
 * a 429 without one, or when the retries are spent: the last answer comes back with a
 * `throttled` note saying so. A 503 without Retry-After is an ordinary answer (a server
 * error). The abort signal cancels a wait at once (the outcome is then an `aborted` failure).
 */
export async function exchangeHonouringRetryAfter(
  send: () => Promise<ExchangeOutcome>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  signal?: AbortSignal,
): Promise<HonouredOutcome> {
  let waitedMs = 0;
  let retries = 0;
  const retried = () => (retries > 0 ? { retried: { count: retries, waitedMs } } : {});
  for (;;) {
    const outcome = await send();
    const throttle = retryAfterHeader(outcome);
    if (!throttle || (throttle.value === undefined && throttle.status === 503)) return { ...outcome, ...retried() };
    const note = (reason: ThrottleReason, message: string): HonouredOutcome => ({
      ...outcome,
      ...retried(),
      throttled: {
        status: throttle.status,
        ...(throttle.value !== undefined ? { retryAfter: throttle.value } : {}),
        ...(throttle.askedMs !== undefined ? { retryAfterMs: throttle.askedMs } : {}),
        retries,
        waitedMs,
        reason,
        message,
      },
    });
    const { status, value, askedMs } = throttle;
    if (value === undefined)
      return note('no-retry-after', `${status} without Retry-After: the target is throttling the suite (lower --concurrency); not retried`);
    if (askedMs === undefined) return note('unparseable', `${status} with a Retry-After the suite cannot read (${JSON.stringify(value)}): not retried`);
    if (askedMs > policy.maxWaitMs)
      return note('beyond-bound', `${status} with Retry-After ${seconds(askedMs)}, beyond the suite's ${seconds(policy.maxWaitMs)} bound: not retried`);
    if (retries >= policy.maxRetries) {
      return note(
        'retries-exhausted',
        `${status} with Retry-After ${seconds(askedMs)} still, after ${retries} ${retries === 1 ? 'retry' : 'retries'} (${seconds(waitedMs)} waited)`,
      );
    }
    try {
      await wait(askedMs, undefined, signal ? { signal } : {});
    } catch {
      const reason: unknown = signal?.reason;
      return {
        error: `aborted (${typeof reason === 'string' ? reason : 'aborted'}) while waiting ${seconds(askedMs)} as a ${status}'s Retry-After asked`,
        kind: 'aborted',
      };
    }
    waitedMs += askedMs;
    retries += 1;
  }
}

/**
 * The `throttled` check: a throttle the suite gave up on fails the case's requirement with the
 * note's sentence (unless the case expected that very status), so a report says "429 with
 * Retry-After 120 s beyond the 30 s bound" rather than a bare status mismatch.
 */
export function throttledCheck(requirementId: string, expectedStatuses: number[], outcome: HonouredOutcome): CheckOutcome[] {
  const note = outcome.throttled;
  if (!note || expectedStatuses.includes(note.status)) return [];
  return [{ check: 'throttled', requirementId, passed: false, message: note.message }];
}
