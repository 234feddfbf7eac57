/**
 * Client-side AWS Signature Version 4 (AWS4-HMAC-SHA256) signing of one request, by
 * @smithy/signature-v4: this file only decides which headers are signed and shapes the
 * request; the algorithm (canonical request, string to sign, key derivation, HMAC) is the
 * library's.
 */
import { createHash } from 'node:crypto';
import type { Hash } from '@smithy/hash-node';
import type { HttpRequest } from '@smithy/protocol-http';
import type { SignatureV4 } from '@smithy/signature-v4';
import type { SigV4Credentials } from './sigv4-credentials.ts';

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers to send besides the SigV4 ones; names in any case (returned lower-cased). */
  headers: Record<string, string>;
  body: string;
}

/** The headers covered by the signature, when the request carries them (host, x-amz-* always do). */
export const SIGNED_HEADER_NAMES: ReadonlySet<string> = new Set(['content-length', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date']);

/** The query parameter bag of a SigV4 canonical request: decoded names and values, repeats as arrays. */
export type QueryBag = Record<string, string | string[]>;

/** Lower-case hex SHA-256 of a payload (the X-Amz-Content-Sha256 value). */
export function sha256Hex(payload: string | Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** The query of a URL (`?a=1&b=2`, or `a=1&b=2`) as the signer's bag, repeated names as arrays. */
export function queryBagFrom(search: string): QueryBag {
  const bag: QueryBag = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const previous = bag[name];
    if (previous === undefined) bag[name] = value;
    else bag[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return bag;
}

type RequestFields = ConstructorParameters<typeof HttpRequest>[0];
type SigningOptions = Parameters<SignatureV4['sign']>[1];

let smithy: Promise<{ Hash: typeof Hash; HttpRequest: typeof HttpRequest; SignatureV4: typeof SignatureV4 }> | undefined;

/** @smithy's modules, loaded on the first signature (about 65 ms): a run of APIs without SigV4 never needs them. */
function smithyModules() {
  smithy ??= Promise.all([import('@smithy/hash-node'), import('@smithy/protocol-http'), import('@smithy/signature-v4')]).then(
    ([{ Hash }, { HttpRequest }, { SignatureV4 }]) => ({ Hash, HttpRequest, SignatureV4 }),
  );
  return smithy;
}

/** The request signed by @smithy/signature-v4 with these credentials (SHA-256 from @smithy/hash-node). */
export async function smithySigned(
  fields: RequestFields,
  credentials: SigV4Credentials,
  options: SigningOptions,
): Promise<{ headers: Record<string, string> }> {
  const { Hash, HttpRequest, SignatureV4 } = await smithyModules();
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    region: credentials.region,
    service: credentials.service,
    sha256: Hash.bind(null, 'sha256'),
  });
  return signer.sign(new HttpRequest(fields), options);
}

/** Header names lower-cased; later duplicates (by case-insensitive name) win. */
export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}

/** The given headers plus host (unless given) and the real body hash; x-amz-date and authorization are the signer's. */
function headersBeforeSigning(request: RequestToSign): Record<string, string> {
  const headers = lowerCaseHeaders(request.headers);
  delete headers['authorization'];
  delete headers['x-amz-date'];
  headers['host'] ??= request.url.host;
  headers['x-amz-content-sha256'] = sha256Hex(request.body);
  return headers;
}

/** The names among `headers` the signature must not cover. */
function unsignedHeaderNames(headers: Record<string, string>): Set<string> {
  return new Set(Object.keys(headers).filter((name) => !SIGNED_HEADER_NAMES.has(name)));
}

/** Plain lower-case header record from the signed smithy request. */
function headerRecordOf(signed: { headers: Record<string, string> }): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Signs a request with AWS SigV4 and returns the full header set to send (lower-case names):
 * the given headers, host (the URL's host and port unless a Host header is given),
 * x-amz-date (from `now`, default the current time), x-amz-content-sha256 (the SHA-256 hex of
 * the body) and authorization. The signature covers host, x-amz-date, x-amz-content-sha256,
 * and content-type and content-length when given; no other header.
 */
export async function signRequest(request: RequestToSign, credentials: SigV4Credentials, now: Date = new Date()): Promise<Record<string, string>> {
  const headers = headersBeforeSigning(request);
  const fields = {
    method: request.method.toUpperCase(),
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    path: request.url.pathname,
    query: queryBagFrom(request.url.search),
    headers,
    body: request.body,
  };
  const signed = await smithySigned(fields, credentials, {
    signingDate: now,
    unsignableHeaders: unsignedHeaderNames(headers),
  });
  return headerRecordOf(signed);
}
