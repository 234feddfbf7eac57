/**
 * Server-side verification of AWS Signature Version 4 (AWS4-HMAC-SHA256) for the embedded
 * mock. The Authorization header is parsed and checked here; the signature itself is
 * recomputed by @smithy/signature-v4 (never by hand) over exactly the headers listed in
 * SignedHeaders, and compared in constant time.
 *
 * Decisions:
 * - `Credential= KEY/…` (a space after the equals sign, as the CloudBasic document prints it:
 *   spec erratum cloudbasic-cluster/erratum-credential-space) is tolerated, as is any blank
 *   around the `=` and after the commas of the three components.
 * - X-Amz-Content-Sha256 must be the lower-case hex SHA-256 of the body received.
 *   UNSIGNED-PAYLOAD is refused (body-hash-mismatch): the spec's header pattern is 64 hex
 *   digits, "the hex SHA-256 of the body sent", and the document's example (the hash of the
 *   empty string over a JSON body, erratum-content-sha256-of-empty-body) is refused too.
 *   A request without the header is refused as `missing`.
 * - SignedHeaders must be lower-case, sorted, without duplicates, include host and
 *   x-amz-date, and name only headers the request carries (else `malformed`). `date` and
 *   `authorization` cannot be signed here (the signer generates/drops them): `malformed`.
 * - Skew: an X-Amz-Date more than maxSkewMinutes before or after `now` is `expired`
 *   (exactly maxSkewMinutes is accepted).
 * - Details never contain the secret key nor the signature expected; they do not echo access
 *   key ids either (the received one could be anything a client leaked into it).
 */
import { timingSafeEqual } from 'node:crypto';
import type { SigV4Credentials } from '../engine/sigv4/sigv4-credentials.ts';
import { queryBagFrom, sha256Hex, smithySigned } from '../engine/sigv4/sigv4-signer.ts';

export type SigV4Refusal =
  'missing' | 'malformed' | 'expired' | 'unknown-key' | 'session-token-mismatch' | 'wrong-scope' | 'body-hash-mismatch' | 'signature-mismatch';

export type SigV4Verdict = { ok: true } | { ok: false; reason: SigV4Refusal; detail: string };

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  path: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The parts of an Authorization header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  scope: { date: string; region: string; service: string; terminator: string };
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SCOPE_TERMINATOR = 'aws4_request';
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const HEADER_NAME_PATTERN = /^[a-z0-9-]+$/;
const SCOPE_DATE_PATTERN = /^\d{8}$/;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** Headers the library regenerates or never signs, so a signature over them cannot be recomputed. */
const UNVERIFIABLE_SIGNED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'date']);
const REQUIRED_SIGNED_HEADERS = ['host', 'x-amz-date'] as const;

/** Thrown while reading the request; turned into a refusal by verifySigV4. */
class Refusal extends Error {
  constructor(
    readonly reason: SigV4Refusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function refuse(reason: SigV4Refusal, detail: string): never {
  throw new Refusal(reason, detail);
}

/** The value of a required header, or a `missing` refusal. */
function requiredHeader(headers: Record<string, string>, name: string): string {
  const value = headers[name];
  if (value === undefined || value.trim() === '') refuse('missing', `the request has no ${name} header`);
  return value.trim();
}

/** `Name=value` components of the Authorization header after the algorithm, by name. */
function authorizationComponents(rest: string): Map<string, string> {
  const components = new Map<string, string>();
  for (const part of rest.split(',')) {
    const equals = part.indexOf('=');
    if (equals < 0) refuse('malformed', `Authorization component "${part.trim().slice(0, 40)}" is not Name=value`);
    const name = part.slice(0, equals).trim();
    if (components.has(name)) refuse('malformed', `Authorization repeats ${name.slice(0, 40)}`);
    components.set(name, part.slice(equals + 1).trim());
  }
  return components;
}

function requiredComponent(components: Map<string, string>, name: string): string {
  const value = components.get(name);
  if (value === undefined || value === '') refuse('malformed', `Authorization has no ${name}=`);
  return value;
}

/** `KEY/yyyyMMdd/region/service/aws4_request`; the access key id itself is never echoed. */
function parseCredential(credential: string): Pick<ParsedAuthorization, 'accessKeyId' | 'scope'> {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || !region || !service || !terminator) {
    refuse('malformed', `Credential has ${parts.length} "/"-separated parts, expected 5 (key/date/region/service/aws4_request)`);
  }
  if (!SCOPE_DATE_PATTERN.test(date)) refuse('malformed', `Credential scope date "${date}" is not yyyyMMdd`);
  return { accessKeyId, scope: { date, region, service, terminator } };
}

/** `a;b;c`: lower-case names, sorted, no duplicates. */
function parseSignedHeaders(list: string): string[] {
  const names = list.split(';');
  for (const name of names) {
    if (!HEADER_NAME_PATTERN.test(name)) refuse('malformed', `SignedHeaders entry "${name.slice(0, 40)}" is not a lower-case header name`);
  }
  const canonical = [...new Set(names)].sort();
  if (canonical.join(';') !== names.join(';')) {
    refuse('malformed', `SignedHeaders "${list}" is not sorted and duplicate-free (expected "${canonical.join(';')}")`);
  }
  return names;
}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (a refusal if it is not that). */
export function parseAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    refuse('malformed', `Authorization scheme is "${algorithm.slice(0, 32)}", expected ${ALGORITHM}`);
  }
  const components = authorizationComponents(trimmed.slice(space + 1));
  const unexpected = [...components.keys()].filter((name) => !['Credential', 'SignedHeaders', 'Signature'].includes(name));
  if (unexpected.length > 0) refuse('malformed', `Authorization has unexpected component(s) ${unexpected.map((name) => name.slice(0, 40)).join(', ')}`);
  const signature = requiredComponent(components, 'Signature');
  if (!SIGNATURE_PATTERN.test(signature)) refuse('malformed', 'Signature is not 64 lower-case hex digits');
  return {
    ...parseCredential(requiredComponent(components, 'Credential')),
    signedHeaders: parseSignedHeaders(requiredComponent(components, 'SignedHeaders')),
    signature,
  };
}

/** `yyyyMMddTHHmmssZ` as a Date (a `malformed` refusal if it is not a real UTC time in that form). */
export function parseAmzDate(value: string): Date {
  const match = AMZ_DATE_PATTERN.exec(value);
  if (!match) refuse('malformed', `X-Amz-Date "${value.slice(0, 40)}" is not yyyyMMddTHHmmssZ`);
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrip = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  if (roundTrip !== value) refuse('malformed', `X-Amz-Date "${value}" is not a valid UTC time`);
  return date;
}

/** SignedHeaders must cover host and x-amz-date, avoid unverifiable names, and name only headers present. */
function checkSignedHeaderSet(signedHeaders: string[], headers: Record<string, string>): void {
  for (const required of REQUIRED_SIGNED_HEADERS) {
    if (!signedHeaders.includes(required)) refuse('malformed', `SignedHeaders does not include ${required}`);
  }
  for (const name of signedHeaders) {
    if (UNVERIFIABLE_SIGNED_HEADERS.has(name)) refuse('malformed', `SignedHeaders lists ${name}, which cannot be signed (use X-Amz-Date)`);
    if (headers[name] === undefined) refuse('malformed', `SignedHeaders lists ${name}, but the request has no such header`);
  }
}

function checkAccessKey(accessKeyId: string, credentials: SigV4Credentials): void {
  if (accessKeyId !== credentials.accessKeyId) refuse('unknown-key', 'the access key id in Credential is not one this server accepts');
}

/** The scope must be <x-amz-date's date>/<region>/<service>/aws4_request. */
function checkScope(scope: ParsedAuthorization['scope'], amzDate: string, credentials: SigV4Credentials): void {
  const expected: Array<[string, string, string]> = [
    ['date', scope.date, amzDate.slice(0, 8)],
    ['region', scope.region, credentials.region],
    ['service', scope.service, credentials.service],
    ['terminator', scope.terminator, SCOPE_TERMINATOR],
  ];
  for (const [part, received, wanted] of expected) {
    if (received !== wanted) refuse('wrong-scope', `credential scope ${part} "${received}" should be "${wanted}"`);
  }
}

function checkSkew(signedAt: Date, now: Date, maxSkewMinutes: number): void {
  const skewMinutes = (now.getTime() - signedAt.getTime()) / 60_000;
  if (Math.abs(skewMinutes) > maxSkewMinutes) {
    const direction = skewMinutes > 0 ? 'old' : 'in the future';
    refuse('expired', `X-Amz-Date is ${Math.abs(skewMinutes).toFixed(1)} minutes ${direction}; at most ${maxSkewMinutes} allowed`);
  }
}

/** X-Amz-Content-Sha256 must be the SHA-256 hex of the body received (UNSIGNED-PAYLOAD refused). */
function checkBodyHash(declared: string, body: Buffer): void {
  if (declared === UNSIGNED_PAYLOAD) {
    refuse('body-hash-mismatch', 'X-Amz-Content-Sha256 is UNSIGNED-PAYLOAD; this API requires the SHA-256 hex of the body');
  }
  if (!SHA256_HEX_PATTERN.test(declared)) refuse('malformed', 'X-Amz-Content-Sha256 is not 64 lower-case hex digits');
  const actual = sha256Hex(body);
  if (declared !== actual) {
    refuse('body-hash-mismatch', `X-Amz-Content-Sha256 is ${declared} but the body received (${body.length} bytes) hashes to ${actual}`);
  }
}

/** Only the headers listed in SignedHeaders, plus the payload hash the library reads (unsigned if not listed). */
function headersToRecompute(signedHeaders: string[], headers: Record<string, string>, contentSha256: string): Record<string, string> {
  const subset: Record<string, string> = { 'x-amz-content-sha256': contentSha256 };
  for (const name of signedHeaders) subset[name] = headers[name] ?? '';
  return subset;
}

/** The signature @smithy/signature-v4 computes for this request over exactly `signedHeaders`. */
async function recomputeSignature(
  request: ReceivedRequest,
  parsed: ParsedAuthorization,
  signingDate: Date,
  contentSha256: string,
  credentials: SigV4Credentials,
): Promise<{ signature: string; signedHeaders: string }> {
  const queryAt = request.path.indexOf('?');
  const toSign = {
    method: request.method.toUpperCase(),
    hostname: request.headers['host'] ?? '',
    path: queryAt < 0 ? request.path : request.path.slice(0, queryAt),
    query: queryAt < 0 ? {} : queryBagFrom(request.path.slice(queryAt + 1)),
    headers: headersToRecompute(parsed.signedHeaders, request.headers, contentSha256),
    body: request.body,
  };
  const signed = await smithySigned(
    toSign,
    { ...credentials, sessionToken: undefined },
    {
      signingDate,
      signingRegion: parsed.scope.region,
      signingService: parsed.scope.service,
      signableHeaders: new Set(parsed.signedHeaders),
      unsignableHeaders: new Set(parsed.signedHeaders.includes('x-amz-content-sha256') ? [] : ['x-amz-content-sha256']),
    },
  );
  const recomputed = parseAuthorization(signed.headers['authorization'] ?? '');
  return { signature: recomputed.signature, signedHeaders: recomputed.signedHeaders.join(';') };
}

/** Temporary credentials: the session token must come (signed or not, as AWS accepts it) and be the one issued with the key. */
function checkSessionToken(headers: Record<string, string>, credentials: SigV4Credentials): void {
  if (!credentials.sessionToken) return;
  const token = headers['x-amz-security-token'];
  if (token === undefined) refuse('session-token-mismatch', 'temporary credentials: X-Amz-Security-Token missing');
  if (!sameSignature(token, credentials.sessionToken)) refuse('session-token-mismatch', 'the X-Amz-Security-Token is not the one issued with this access key');
}

function sameSignature(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** All checks in order; throws a Refusal at the first that fails. */
async function verifyOrRefuse(request: ReceivedRequest, credentials: SigV4Credentials, now: Date, maxSkewMinutes: number): Promise<void> {
  const authorization = requiredHeader(request.headers, 'authorization');
  const amzDate = requiredHeader(request.headers, 'x-amz-date');
  const contentSha256 = requiredHeader(request.headers, 'x-amz-content-sha256');
  const parsed = parseAuthorization(authorization);
  const signedAt = parseAmzDate(amzDate);
  checkSignedHeaderSet(parsed.signedHeaders, request.headers);
  checkAccessKey(parsed.accessKeyId, credentials);
  checkSessionToken(request.headers, credentials);
  checkScope(parsed.scope, amzDate, credentials);
  checkSkew(signedAt, now, maxSkewMinutes);
  checkBodyHash(contentSha256, request.body);
  const recomputed = await recomputeSignature(request, parsed, signedAt, contentSha256, credentials);
  const listed = parsed.signedHeaders.join(';');
  if (recomputed.signedHeaders !== listed) {
    refuse('signature-mismatch', `could not recompute over SignedHeaders=${listed} (signer covered ${recomputed.signedHeaders})`);
  }
  if (!sameSignature(parsed.signature, recomputed.signature)) {
    refuse('signature-mismatch', `Signature does not match the one computed over SignedHeaders=${listed} with the scope's key`);
  }
}

/**
 * Verifies the AWS SigV4 signature of a received request against the accepted credentials.
 * `ok: false` carries the reason and a detail that says why (never the secret key, never the
 * expected signature).
 */
export async function verifySigV4(request: ReceivedRequest, credentials: SigV4Credentials, now: Date, maxSkewMinutes = 15): Promise<SigV4Verdict> {
  try {
    await verifyOrRefuse(request, credentials, now, maxSkewMinutes);
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}
