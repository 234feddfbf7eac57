import { request as httpRequest } from 'undici';
import type { LoadedSpec } from '../../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { SigV4Credentials } from '../../engine/sigv4/sigv4-credentials.ts';
import { toHttpRequest } from '../../engine/request/request-to-http.ts';
import { signRequest } from '../../engine/sigv4/sigv4-signer.ts';
import { usesSigV4 } from '../../engine/spec/security-schemes.ts';
import { documentedSuccess } from '../../engine/spec/documented-success.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

const SIGV4_HEADERS = ['authorization', 'x-amz-date', 'x-amz-content-sha256', 'host'];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends a request document to a base URL. For a SigV4 API the request is signed for real with
 * `sigv4` (the document's own signing headers are replaced), unless `sign` is false.
 */
export async function send(
  baseUrl: string,
  spec: LoadedSpec,
  request: RequestDocument,
  options: { sigv4?: SigV4Credentials; sign?: boolean; now?: Date } = {},
): Promise<Answer> {
  const plan = toHttpRequest(baseUrl, spec.path, request);
  let headers = plan.headers;
  if (usesSigV4(spec) && options.sigv4 && options.sign !== false) {
    const unsigned = Object.fromEntries(Object.entries(headers).filter(([name]) => !SIGV4_HEADERS.includes(name)));
    headers = await signRequest({ method: plan.method, url: plan.url, headers: unsigned, body: plan.body ?? '' }, options.sigv4, options.now);
    delete headers.host;
  }
  const response = await httpRequest(plan.url, { method: plan.method as 'POST', headers, body: plan.body });
  const text = await response.body.text();
  const flat = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
  return { status: response.statusCode, headers: flat, text, json: parseJson(text) };
}

/** The documented success status of a spec (its responseStatus rule). */
export function successStatus(spec: LoadedSpec): number {
  const success = documentedSuccess(spec);
  if (!success) throw new Error(`${spec.api} has no responseStatus rule`);
  return success.status;
}
