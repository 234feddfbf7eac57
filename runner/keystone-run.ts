import { keystoneSecrets } from '../engine/config/openstack-credentials.ts';
import { secretValues } from '../apis/config.ts';
import { createDispatcher, DEFAULT_EXCHANGE_LIMITS } from './http-exchange.ts';
import { KeystoneError } from '../engine/errors.ts';
import { KeystoneSession } from './keystone-session.ts';
import { apiDefinition } from '../apis/catalogue.ts';
import { createRedactor, type Redactor } from './redaction.ts';
import type { RunOptions } from './run-conformance.ts';

export interface KeystoneRun {
  session: KeystoneSession;
  close(): Promise<void>;
}

/**
 * The run's options once Keystone has spoken: its token in place of auth.token, and each API
 * without a target of its own aimed at its endpoint in the service catalog. An API the catalog
 * does not serve stops the run (exit 2) rather than fall back to the embedded mock.
 */
export async function withKeystone(options: RunOptions): Promise<{ options: RunOptions; keystone?: KeystoneRun }> {
  if (!options.keystone) return { options };
  const limits = options.limits ?? DEFAULT_EXCHANGE_LIMITS;
  const dispatcher = createDispatcher(1, limits, options.tls);
  const session = new KeystoneSession(options.keystone, dispatcher, limits);
  try {
    await session.authenticate();
  } catch (error) {
    await dispatcher.close();
    throw error;
  }
  const apis = { ...options.config.apis };
  const unserved: string[] = [];
  for (const api of options.apis) {
    if (options.target || options.config.apis[api]?.target || options.config.target) continue;
    const url = session.endpoint(api);
    if (url) apis[api] = { ...apis[api], target: url };
    else unserved.push(`${api} (service type ${apiDefinition(api).keystoneServiceType ?? 'none: not an OpenStack API'})`);
  }
  if (unserved.length) {
    await dispatcher.close();
    throw new KeystoneError(
      `the service catalog has no ${options.keystone.interface ?? 'public'} endpoint${options.keystone.regionName ? ` in region ${options.keystone.regionName}` : ''} for ${unserved.join(', ')}`,
      'Select the APIs your cloud serves with --api, or give apis.<name>.target in the config.',
    );
  }
  const given = options.config.given;
  const config = { ...options.config, apis, auth: { ...options.config.auth, token: session.token }, ...(given ? { given: { ...given, token: true } } : {}) };
  options.console.write(
    `Keystone: a token for ${options.keystone.authUrl}; endpoints from its catalog: ${Object.entries(apis)
      .map(([api, entry]) => `${api} ${entry?.target ?? ''}`)
      .join(', ')}\n`,
  );
  return { options: { ...options, config }, keystone: { session, close: () => dispatcher.close() } };
}

/** A redactor that also knows every token Keystone issued during the run, and its password or application-credential secret. */
export function keystoneRedactor(options: RunOptions, keystone: KeystoneRun | undefined): Redactor {
  const fixed = [...secretValues(options.config), ...keystoneSecrets(options.keystone)];
  if (!keystone) return createRedactor(fixed);
  return (text) => createRedactor([...fixed, ...keystone.session.tokens])(text);
}
