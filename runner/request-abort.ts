import { EventEmitter } from 'node:events';

/**
 * A request's own abort, in a form undici takes as a request's signal: an EventEmitter with
 * `aborted` and `reason`, read as undici reads an AbortSignal's. The run makes one per request;
 * an AbortController and its AbortSignal (an EventTarget) cost ~20 µs each. Aborted once: the
 * first reason stays.
 */
export class RequestAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    // An AbortController's default reason, should a caller abort with none.
    this.reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    this.emit('abort');
  }
}

/** The requests in flight under each caller's signal: one listener on the signal aborts them all. */
const inFlight = new WeakMap<AbortSignal, Set<RequestAbort>>();

function requestsUnder(signal: AbortSignal): Set<RequestAbort> {
  let requests = inFlight.get(signal);
  if (!requests) {
    const under = new Set<RequestAbort>();
    signal.addEventListener(
      'abort',
      () => {
        for (const request of under) request.abort(signal.reason);
        under.clear();
      },
      { once: true },
    );
    inFlight.set(signal, under);
    requests = under;
  }
  return requests;
}

/**
 * Aborts `request` when `signal` aborts (at once if it has), until the returned function is called.
 * A listener added to and removed from the signal (an EventTarget) for every request cost several
 * µs of each; the signal has one, for every request in flight under it.
 */
export function abortWith(signal: AbortSignal | undefined, request: RequestAbort): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    request.abort(signal.reason);
    return () => undefined;
  }
  const requests = requestsUnder(signal);
  requests.add(request);
  return () => requests.delete(request);
}
