import { timingSafeEqual } from 'node:crypto';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { isSigV4Scheme, securitySchemes } from '../engine/spec/security-schemes.ts';
import { verifySigV4 } from './sigv4-verifier.ts';

export type CredentialVerdict = { accepted: true } | { accepted: false; detail: string };

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks the credentials a security scheme of the spec asks for: the X-Auth-Token, or a SigV4 signature. */
export async function checkCredentials(
  spec: LoadedSpec,
  schemeName: string,
  request: RequestDocument,
  rawBody: Buffer,
  rawPath: string,
  config: ConformanceConfig,
  now: Date,
): Promise<CredentialVerdict> {
  const scheme = securitySchemes(spec)[schemeName];
  if (!scheme?.name) return { accepted: false, detail: `the spec has no usable security scheme ${schemeName}` };
  if (isSigV4Scheme(scheme)) {
    const verdict = await verifySigV4({ method: request.method, path: rawPath, headers: request.header, body: rawBody }, config.auth.sigv4, now);
    return verdict.ok ? { accepted: true } : { accepted: false, detail: `signature refused (${verdict.reason}): ${verdict.detail}` };
  }
  const sent = request.header[scheme.name.toLowerCase()];
  if (sent === undefined) return { accepted: false, detail: `no ${scheme.name} header` };
  return sameSecret(sent, config.auth.token) ? { accepted: true } : { accepted: false, detail: `the ${scheme.name} is not valid` };
}
