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
