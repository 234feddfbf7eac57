import { finished, type Readable } from 'node:stream';
import { Agent, EnvHttpProxyAgent, request as undiciRequest, type Dispatcher } from 'undici';
import type { ObservedResponse } from '../engine/run/run-model.ts';
import type { HttpRequestPlan } from '../engine/request/request-to-http.ts';
import { BodyTimeoutError, HeadersTimeoutError } from '../engine/errors.ts';
import { tlsConnectOptions, type TlsOptions } from './tls-options.ts';
import { mapHeaderValues } from './header-values.ts';
import { abortWith, RequestAbort } from './request-abort.ts';
import { describeTransportFailure, type TransportFailure } from './transport-failure.ts';

export interface ExchangeLimits {
  /** Per request: the connection, the answer's headers, and then its whole body must each arrive within this. */
  timeoutMs: number;
  /** At most this much of a body is read (and parsed as JSON when the body fits). */
  maxBodyBytes: number;
}

export const DEFAULT_EXCHANGE_LIMITS: ExchangeLimits = { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 };
const EXCERPT_CHARACTERS = 2000;

/**
 * One pooled client for the whole run. `tls` says how an HTTPS target is verified: by default
 * against the system's CAs; `ca` trusts these PEM certificates instead (`--ca FILE`);
 * `insecure` verifies nothing (`--insecure`). The pool never follows redirects (undici's
 * `request` does not, and no redirect interceptor is composed in): a 3xx is the answer judged.
 */
/** The proxy variables undici's EnvHttpProxyAgent reads (and NO_PROXY, which it honours). */
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];

/**
 * One pooled client for the run. With HTTP_PROXY / HTTPS_PROXY set (NO_PROXY honoured) it goes
 * through undici's EnvHttpProxyAgent, as a user behind a corporate proxy expects; `direct`
 * hosts (the embedded mock, host:port) are never proxied.
 */
export function createDispatcher(
  concurrency: number,
  limits: ExchangeLimits,
  tls?: TlsOptions,
  direct: string[] = [],
  environment: NodeJS.ProcessEnv = process.env,
): Dispatcher {
  const options = {
    connections: concurrency,
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    keepAliveTimeout: 4_000,
    connect: { timeout: limits.timeoutMs, ...tlsConnectOptions(tls) },
  };
  if (!PROXY_VARIABLES.some((name) => environment[name])) return new Agent(options);
  const noProxy = [environment.NO_PROXY ?? environment.no_proxy ?? '', ...direct].filter(Boolean).join(',');
  return new EnvHttpProxyAgent({ ...options, ...(noProxy ? { noProxy } : {}) });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return mapHeaderValues(headers, (value) => (Array.isArray(value) ? value.join(', ') : value));
}

/**
 * Reads at most `max` bytes of the body, then destroys it: the connection is closed, not
 * drained (a 50 MB answer costs the suite `max` bytes). The whole body must arrive within
 * `timeoutMs` (undici's bodyTimeout only bounds the gap between two chunks: a trickle would
 * never end). `progress` counts the bytes read, for the message of a failure mid-body. The
 * chunks are taken as they come, not through an async iterator: that cost a promise and a
 * tick or more per chunk of every answer of a run. The body fails as the iterator failed it:
 * with its error, or as closed before its end (stream.finished is how both see it).
 */
function boundedBody(body: Readable, max: number, timeoutMs: number, progress: { bodyBytes: number }): Promise<{ bytes: Buffer; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let cut = false;
    const timer = setTimeout(() => {
      body.destroy(new BodyTimeoutError(timeoutMs));
    }, timeoutMs);
    body.on('data', (chunk: Buffer) => {
      if (cut) return;
      chunks.push(chunk);
      progress.bodyBytes += chunk.length;
      if (progress.bodyBytes <= max) return;
      cut = true;
      clearTimeout(timer);
      body.destroy();
      resolve({ bytes: Buffer.concat(chunks).subarray(0, max), cut: true });
    });
    // Stays subscribed after a cut: the destroyed body's error (undici's "aborted") is handled here.
    finished(body, (error) => {
      clearTimeout(timer);
      if (cut) return;
      if (error) reject(error);
      else resolve({ bytes: Buffer.concat(chunks), cut: false });
    });
  });
}

/** UTF-8, strictly; bytes that are not UTF-8 become U+FFFD and are flagged. A sequence split by the cut is not an error. */
function decodeBody(bytes: Buffer, cut: boolean): { text: string; invalidUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: cut }), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: cut }), invalidUtf8: true };
  }
}

function parseJson(text: string): { json: unknown } | { jsonError: string } {
  if (text.trim() === '') return { jsonError: 'it is empty' };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { jsonError: (error as Error).message };
  }
}

/** What the checks see of a body: JSON only when it is complete, valid UTF-8 and parses; otherwise why not. */
function observeBody(
  bytes: Buffer,
  cut: boolean,
  maxBodyBytes: number,
): Pick<ObservedResponse, 'bodyExcerpt' | 'bodyTruncated' | 'json' | 'jsonError' | 'bodyCutAt' | 'bodyInvalidUtf8'> {
  const { text, invalidUtf8 } = decodeBody(bytes, cut);
  // JSON text is UTF-8 (RFC 8259 §8.1): a body that is not is not JSON, whatever a lenient decoding would parse.
  const parsed = cut || invalidUtf8 ? undefined : parseJson(text);
  return {
    bodyExcerpt: text.slice(0, EXCERPT_CHARACTERS),
    bodyTruncated: cut || text.length > EXCERPT_CHARACTERS,
    ...(cut ? { bodyCutAt: maxBodyBytes } : {}),
    ...(invalidUtf8 ? { bodyInvalidUtf8: true } : {}),
    ...(parsed ?? {}),
  };
}

/** An answer (whatever its status, a 3xx included), or a classified transport failure (its `error` says what and why). */
export type ExchangeOutcome = { response: ObservedResponse } | TransportFailure;

/**
 * Sends one request and reads its answer within the limits. Never throws: a refused
 * connection, a TLS failure, a timeout, a reset mid-body, an abort are each a
 * TransportFailure; an answer however malformed (not JSON, truncated, not UTF-8, 50 MB) is a
 * response, its body bounded and flagged for the checks.
 */
export async function exchange(dispatcher: Dispatcher, sent: HttpRequestPlan, limits: ExchangeLimits, signal?: AbortSignal): Promise<ExchangeOutcome> {
  let answer: { status: number; bodyBytes: number } | undefined;
  // The suite's own timer for the headers: undici's headersTimeout runs on a coarse clock
  // (about a second late), which would make a short --timeout mean something else. The
  // caller's signal (the run's deadline, SIGINT) aborts the request too.
  const local = new RequestAbort();
  const release = abortWith(signal, local);
  const headersTimer = setTimeout(() => {
    local.abort(new HeadersTimeoutError(limits.timeoutMs));
  }, limits.timeoutMs);
  try {
    const response = await undiciRequest(sent.url, {
      method: sent.method as 'POST',
      headers: sent.headers,
      body: sent.body,
      dispatcher,
      signal: local,
    });
    clearTimeout(headersTimer);
    answer = { status: response.statusCode, bodyBytes: 0 };
    const { bytes, cut } = await boundedBody(response.body, limits.maxBodyBytes, limits.timeoutMs, answer);
    return { response: { status: response.statusCode, headers: flattenHeaders(response.headers), ...observeBody(bytes, cut, limits.maxBodyBytes) } };
  } catch (error) {
    return describeTransportFailure(error, { timeoutMs: limits.timeoutMs, ...(signal ? { signal } : {}), ...(answer ? { answer } : {}) });
  } finally {
    clearTimeout(headersTimer);
    release();
  }
}
