import { Agent, request as undiciRequest } from 'undici';
import type { ObservedResponse } from './run-model.ts';

export interface ExchangeLimits {
  /** Per request: headers and body must each arrive within this. */
  timeoutMs: number;
  /** At most this much of a body is kept (and parsed as JSON when it fits). */
  maxBodyBytes: number;
}

export const DEFAULT_EXCHANGE_LIMITS: ExchangeLimits = { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 };
const EXCERPT_CHARACTERS = 2000;

/** One pooled client for the whole run. */
export function createDispatcher(concurrency: number, limits: ExchangeLimits): Agent {
  return new Agent({ connections: concurrency, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs, keepAliveTimeout: 4_000 });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

/** Reads at most `max` bytes of the body, then stops (a 50 MB answer costs the suite 1 MiB). */
async function boundedBody(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > max) {
      body.destroy();
      return { bytes: Buffer.concat(chunks).subarray(0, max), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface Sent {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

export type ExchangeOutcome = { response: ObservedResponse } | { error: string };

export async function exchange(dispatcher: Agent, sent: Sent, limits: ExchangeLimits, signal?: AbortSignal): Promise<ExchangeOutcome> {
  try {
    const response = await undiciRequest(sent.url, {
      method: sent.method as 'POST',
      headers: sent.headers,
      body: sent.body,
      dispatcher,
      ...(signal ? { signal } : {}),
    });
    const { bytes, truncated } = await boundedBody(response.body, limits.maxBodyBytes);
    const text = bytes.toString('utf8');
    const json = truncated ? undefined : parseJson(text);
    return {
      response: {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        bodyExcerpt: text.slice(0, EXCERPT_CHARACTERS),
        bodyTruncated: truncated || text.length > EXCERPT_CHARACTERS,
        ...(json !== undefined ? { json } : {}),
      },
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { error: `${code ? `${code}: ` : ''}${(error as Error).message}` };
  }
}
