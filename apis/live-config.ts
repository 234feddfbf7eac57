import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { ConfigError } from '../engine/errors.ts';
import { fixtureSchemas } from './config-schema.ts';

/** The keys a live target needs for one API that the config file and the environment did not give (the mock's defaults never count). */
export function missingForLiveTarget(config: ConformanceConfig, api: ApiName, signedWithSigV4: boolean): string[] {
  const given = config.given;
  if (!given) return [];
  const missing: string[] = [];
  if (signedWithSigV4 && !given.sigv4) missing.push('auth.sigv4 (or CONFORMANCE_SIGV4_ACCESS_KEY_ID and CONFORMANCE_SIGV4_SECRET_ACCESS_KEY)');
  if (!signedWithSigV4 && !given.token) missing.push('auth.token (or CONFORMANCE_AUTH_TOKEN)');
  if (!given.fixtures.includes(api)) missing.push(`fixtures.${api}`);
  return missing;
}

function fixtureSnippet(api: ApiName): string {
  const required = (fixtureSchemas().get(api)?.required ?? []).map((key) => `"${key}": "…"`);
  return `"${api}": { ${required.join(', ')} }`;
}

/**
 * Against a live target nothing of the embedded mock's defaults (its token, its SigV4 keys, its
 * fixtures) is ever sent: an API whose credentials or fixtures the config does not give stops
 * the run before any request, naming the missing keys and showing what to add.
 */
export function assertConfiguredForLiveTargets(config: ConformanceConfig, live: { api: ApiName; sigv4: boolean }[]): void {
  const missing = live.map(({ api, sigv4 }) => ({ api, keys: missingForLiveTarget(config, api, sigv4) })).filter((item) => item.keys.length > 0);
  if (missing.length === 0) return;
  const lines = missing.map((item) => `  ${item.api}: ${item.keys.join(', ')}`).join('\n');
  const fixtures = missing.filter((item) => item.keys.some((key) => key.startsWith('fixtures.'))).map((item) => fixtureSnippet(item.api));
  const needsToken = missing.some((item) => item.keys.some((key) => key.startsWith('auth.token')));
  const needsSigV4 = missing.some((item) => item.keys.some((key) => key.startsWith('auth.sigv4')));
  const auth = [
    needsToken ? '"token": "${OS_TOKEN}"' : '',
    needsSigV4 ? '"sigv4": { "accessKeyId": "${AWS_ACCESS_KEY_ID}", "secretAccessKey": "${AWS_SECRET_ACCESS_KEY}", "region": "…", "service": "…" }' : '',
  ].filter(Boolean);
  const snippet = `{ ${[auth.length ? `"auth": { ${auth.join(', ')} }` : '', fixtures.length ? `"fixtures": { ${fixtures.join(', ')} }` : ''].filter(Boolean).join(', ')} }`;
  throw new ConfigError(
    `against a live target the config must give what exists there; the embedded mock's defaults are never sent. Missing:\n${lines}`,
    `Add to the config file (values from your cloud; \${NAME} reads an environment variable):\n  ${snippet}\nor select only the APIs you have configured with --api.`,
  );
}
