import type { IncomingMessage } from 'node:http';

/** Why a body was refused before any rule could look at it; each maps to a clear 4xx. */
export type BodyRefusal =
  | { kind: 'too-large'; status: 413; message: string }
  | { kind: 'not-json-content-type'; status: 400; message: string }
  | { kind: 'invalid-utf8'; status: 400; message: string }
  | { kind: 'malformed-json'; status: 400; message: string }
  | { kind: 'too-deep'; status: 400; message: string }
  | { kind: 'aborted'; status: 400; message: string };

export interface BodyLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 1024 * 1024, maxDepth: 64 };

export type BodyResult = { ok: true; raw: Buffer; value: unknown } | { ok: false; raw: Buffer; refusal: BodyRefusal };

/** application/json, with or without parameters (charset=utf-8), any case. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  return !charset || /^charset="?utf-8"?$/.test(charset);
}

/** Collects the body, stopping at the limit: a huge body costs the mock at most `maxBytes`. */
export function collectBody(request: IncomingMessage, maxBytes: number): Promise<{ raw: Buffer; tooLarge: boolean; aborted: boolean }> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      request.resume();
      resolve({ raw: Buffer.alloc(0), tooLarge: true, aborted: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: { tooLarge: boolean; aborted: boolean }) => {
      if (settled) return;
      settled = true;
      resolve({ raw: Buffer.concat(chunks), ...outcome });
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        request.resume();
        settle({ tooLarge: true, aborted: false });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle({ tooLarge: false, aborted: false }));
    request.on('aborted', () => settle({ tooLarge: false, aborted: true }));
    request.on('error', () => settle({ tooLarge: false, aborted: true }));
  });
}

/** The deepest nesting of arrays and objects in the text, counted without parsing (no recursion). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth -= 1;
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(request: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const { raw, tooLarge, aborted } = await collectBody(request, limits.maxBytes);
  const refuse = (refusal: BodyRefusal): BodyResult => ({ ok: false, raw, refusal });
  if (tooLarge) return refuse({ kind: 'too-large', status: 413, message: `the body is larger than ${limits.maxBytes} bytes` });
  if (aborted) return refuse({ kind: 'aborted', status: 400, message: 'the body ended early' });
  if (!isJsonContentType(request.headers['content-type'])) {
    return refuse({
      kind: 'not-json-content-type',
      status: 400,
      message: `Content-Type must be application/json, got ${JSON.stringify(request.headers['content-type'] ?? null)}`,
    });
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return refuse({ kind: 'invalid-utf8', status: 400, message: 'the body is not valid UTF-8' });
  }
  if (nestingDepth(text) > limits.maxDepth) {
    return refuse({ kind: 'too-deep', status: 400, message: `the body nests deeper than ${limits.maxDepth} levels` });
  }
  try {
    return { ok: true, raw, value: JSON.parse(text) };
  } catch (error) {
    return refuse({ kind: 'malformed-json', status: 400, message: `the body is not JSON: ${(error as Error).message}` });
  }
}
