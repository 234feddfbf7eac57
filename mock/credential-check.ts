import { timingSafeEqual } from 'node:crypto';
import type { ConformanceConfig } from '../engine/config.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import { verifySigV4 } from './sigv4-verifier.ts';

type SecurityScheme = { type?: string; in?: string; name?: string; 'x-amazon-apigateway-authtype'?: string };

export type CredentialVerdict = { accepted: true } | { accepted: false; detail: string };

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function schemeOf(spec: LoadedSpec, name: string): SecurityScheme | undefined {
  return (spec.document.components?.securitySchemes as Record<string, SecurityScheme> | undefined)?.[name];
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
  const scheme = schemeOf(spec, schemeName);
  if (!scheme?.name) return { accepted: false, detail: `the spec has no usable security scheme ${schemeName}` };
  if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') {
    const verdict = await verifySigV4({ method: request.method, path: rawPath, headers: request.header, body: rawBody }, config.auth.sigv4, now);
    return verdict.ok ? { accepted: true } : { accepted: false, detail: `signature refused (${verdict.reason}): ${verdict.detail}` };
  }
  const sent = request.header[scheme.name.toLowerCase()];
  if (sent === undefined) return { accepted: false, detail: `no ${scheme.name} header` };
  return sameSecret(sent, config.auth.token) ? { accepted: true } : { accepted: false, detail: `the ${scheme.name} is not valid` };
}
