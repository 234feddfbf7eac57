import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { signRequest } from '../engine/sigv4/sigv4-signer.ts';
import { usesSigV4 } from '../engine/spec/security-schemes.ts';
import type { HttpRequestPlan } from '../engine/request/request-to-http.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';

const EXPIRED_BY_MS = 20 * 60_000;

/** A token that is not the configured one, and tells nothing of it: the wrong-token case can print it. */
export function wrongToken(configured: string): string {
  const wrong = 'conformance-wrong-token-00000000000000000000';
  return wrong === configured ? `${wrong}x` : wrong;
}

/** The headers to send: the config's extra headers of the API, and the configured X-Auth-Token or SigV4 signature, or the deliberately wrong one a check asks for. */
export async function withCredentials(
  spec: LoadedSpec,
  plan: HttpRequestPlan,
  config: ConformanceConfig,
  credentials: PlannedCase['credentials'] = 'configured',
): Promise<Record<string, string>> {
  // The config's extra headers of this API first (lower-case, as every header here): the credentials computed below win over them.
  const extra = Object.fromEntries(Object.entries(config.apis[spec.api]?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const headers = { ...extra, ...plan.headers };
  if (credentials === 'none') return headers;
  if (!usesSigV4(spec)) {
    headers['x-auth-token'] = credentials === 'wrong-token' ? wrongToken(config.auth.token) : config.auth.token;
    return headers;
  }
  const keys = credentials === 'wrong-signature' ? { ...config.auth.sigv4, secretAccessKey: `${config.auth.sigv4.secretAccessKey}-wrong` } : config.auth.sigv4;
  const now = credentials === 'expired-signature' ? new Date(Date.now() - EXPIRED_BY_MS) : new Date();
  const signed = await signRequest({ method: plan.method, url: plan.url, headers, body: plan.body ?? '' }, keys, now);
  delete signed.host;
  return signed;
}
