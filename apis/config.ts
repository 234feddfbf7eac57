import { readFileSync } from 'node:fs';
import type { ApiName } from '../engine/api-name.ts';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../engine/schema/ajv-instance.ts';
import type { SigV4Credentials } from '../engine/sigv4/sigv4-credentials.ts';
import type { KeystoneCredentials } from '../engine/config/openstack-credentials.ts';
import { SECRET_ENVIRONMENT, type ConformanceConfig, type FixtureSet } from '../engine/config/config-model.ts';
import { ConfigError } from '../engine/errors.ts';
import { configSchema } from './config-schema.ts';
import { REGISTERED_APIS } from './registry.ts';

/**
 * What `run` and the embedded mock use when the config says nothing: the mock's fixtures (each
 * API folder's fixtures.ts) and credentials. Not secrets — only the embedded mock accepts them.
 */
export const DEFAULT_CONFIG: ConformanceConfig = {
  apis: {},
  auth: {
    token: 'mock-token',
    sigv4: { accessKeyId: 'AKIDMOCKEXAMPLE00001', secretAccessKey: 'mock-secret-access-key', region: 'us-east-1', service: 'cloudbasic' },
  },
  fixtures: Object.fromEntries(REGISTERED_APIS.map((api) => [api.name, api.defaultFixtures])),
};

let validateConfig: ValidateFunction | undefined;

/** The config's schema, compiled on first use (it reads every registered API's fixtures schema). */
function configValidator(): ValidateFunction {
  validateConfig ??= createAjv().compile(configSchema());
  return validateConfig;
}

type ConfigFile = Partial<Omit<ConformanceConfig, 'auth' | 'fixtures'>> & {
  auth?: { token?: string; sigv4?: SigV4Credentials; keystone?: KeystoneCredentials };
  fixtures?: Record<ApiName, FixtureSet>;
};

/**
 * `${NAME}` in any string of the config file is the environment variable NAME (so a secret
 * need not be written in the file); an unset one is an error naming it. `$${` is a literal `${`.
 */
function interpolateEnvironment(value: unknown, environment: NodeJS.ProcessEnv, file: string, where = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name: string) => {
      if (match.startsWith('$$')) return match.slice(1);
      const found = environment[name];
      if (found === undefined)
        throw new ConfigError(
          `config ${file}: ${where || '/'} names the environment variable ${name}, which is not set`,
          `Set ${name}, or write the value in the file.`,
        );
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnvironment(item, environment, file, `${where}/${index}`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateEnvironment(item, environment, file, `${where}/${key}`)]));
  }
  return value;
}

function readConfigFile(file: string, environment: NodeJS.ProcessEnv): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config ${file} is not JSON: ${(error as Error).message}`);
  }
  parsed = interpolateEnvironment(parsed, environment, file);
  const validate = configValidator();
  if (!validate(parsed)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    throw new ConfigError(`config ${file}: ${problems.join('; ')}`);
  }
  return parsed as ConfigFile;
}

/** The config: defaults, then the file, then secrets from the environment. */
export function loadConfig(file?: string, environment: NodeJS.ProcessEnv = process.env): ConformanceConfig {
  const fromFile = file ? readConfigFile(file, environment) : {};
  const config: ConformanceConfig = {
    ...(fromFile.target ? { target: fromFile.target } : {}),
    apis: { ...fromFile.apis },
    auth: {
      token: fromFile.auth?.token ?? DEFAULT_CONFIG.auth.token,
      sigv4: { ...(fromFile.auth?.sigv4 ?? DEFAULT_CONFIG.auth.sigv4) },
      ...(fromFile.auth?.keystone ? { keystone: fromFile.auth.keystone } : {}),
    },
    fixtures: { ...DEFAULT_CONFIG.fixtures, ...fromFile.fixtures },
  };
  config.auth.token = environment[SECRET_ENVIRONMENT.token] || config.auth.token;
  config.auth.sigv4.accessKeyId = environment[SECRET_ENVIRONMENT.accessKeyId] || config.auth.sigv4.accessKeyId;
  config.auth.sigv4.secretAccessKey = environment[SECRET_ENVIRONMENT.secretAccessKey] || config.auth.sigv4.secretAccessKey;
  config.given = {
    token: Boolean(fromFile.auth?.token || environment[SECRET_ENVIRONMENT.token]),
    sigv4: Boolean(fromFile.auth?.sigv4 || (environment[SECRET_ENVIRONMENT.accessKeyId] && environment[SECRET_ENVIRONMENT.secretAccessKey])),
    fixtures: Object.keys(fromFile.fixtures ?? {}) as ApiName[],
  };
  return config;
}

/** Every secret value of the config, for redaction and for the secret-scanning tests. */
export function secretValues(config: ConformanceConfig): string[] {
  // The access key id is not secret in AWS's eyes, but it names the account: kept out of reports too.
  // A fixture can be a secret too (CloudBasic's private key travels in the request body): its definition says so.
  const secretFixtures = REGISTERED_APIS.flatMap((api) => api.secretFixtures.map((key) => config.fixtures[api.name]?.[key])).filter(
    (value): value is string => typeof value === 'string',
  );
  const keystone = [config.auth.keystone?.password ?? '', config.auth.keystone?.applicationCredentialSecret ?? ''];
  return [
    config.auth.token,
    config.auth.sigv4.secretAccessKey,
    config.auth.sigv4.accessKeyId,
    config.auth.sigv4.sessionToken ?? '',
    ...secretFixtures,
    ...keystone,
  ].filter((value) => value.length > 0);
}
