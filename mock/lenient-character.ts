import type { IncomingMessage } from 'node:http';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { MockResponse } from '../apis/support/api-responses.ts';
import { matchRoute, type Route } from './routes.ts';

/**
 * The lenient personality's response side: the same statuses and bodies as the strict mock, in a
 * different but still conforming character, so that a suite passing both does not lean on one
 * server's habits:
 * - `Content-Type: application/json; charset=utf-8` (the strict mock sends the bare media type);
 * - every JSON object's keys in reverse order (JSON objects are unordered);
 * - `Connection: close` on every answer (HTTP/1.1 keep-alive off: each connection serves one request);
 * - the response headers the spec documents with an example value that the strict mock leaves
 *   out (cloud-databases-ha's 202 shows `Via` and `Server`).
 */

/** Headers the server computes itself or that belong to the connection: never copied from a spec's examples. */
const COMPUTED_HEADERS = new Set(['content-length', 'content-type', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The same JSON value with every object's keys in reverse order; array order, which means something, is kept. */
export function withReversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withReversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, withReversedKeys(item)]),
  );
}

/** `application/json` → `application/json; charset=utf-8`; any other media type, or one with a charset already, unchanged. */
export function withCharset(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim());
  if (mediaType?.toLowerCase() !== 'application/json' || parameters.some((parameter) => /^charset=/i.test(parameter))) return contentType;
  return [mediaType, ...parameters, 'charset=utf-8'].join('; ');
}

type DocumentedHeaders = Record<string, { example?: unknown } | undefined>;

/** The headers a response of this status documents with an example value (lower-case names), e.g. Via and Server. */
export function documentedExampleHeaders(spec: LoadedSpec, status: number): Record<string, string> {
  const headers = ((spec.operation.responses ?? {})[String(status)] as { headers?: DocumentedHeaders } | undefined)?.headers ?? {};
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, header]) => {
      const example = header?.example;
      const lower = name.toLowerCase();
      return typeof example === 'string' && !COMPUTED_HEADERS.has(lower) ? [[lower, example]] : [];
    }),
  );
}

/** One answer in the lenient character; `spec` is the operation's (undefined for a path the mock does not serve). */
export function inLenientCharacter(answer: MockResponse, spec: LoadedSpec | undefined): MockResponse {
  const headers: Record<string, string> = { ...(spec ? documentedExampleHeaders(spec, answer.status) : {}), ...answer.headers, connection: 'close' };
  const contentType = withCharset(headers['content-type']);
  if (contentType !== undefined) headers['content-type'] = contentType;
  return { ...answer, headers, ...(answer.body === undefined ? {} : { body: withReversedKeys(answer.body) }) };
}

/** The lenient character for the mock's routes: each answer dressed by the operation its request addressed. */
export function lenientCharacter(routes: Route[]): (answer: MockResponse, request: IncomingMessage) => MockResponse {
  return (answer, request) => {
    const pathname = new URL(request.url ?? '/', 'http://mock.invalid').pathname;
    return inLenientCharacter(answer, matchRoute(routes, pathname)?.route.spec);
  };
}
