import { readFileSync } from 'node:fs';
import type { ApiName } from './api-catalogue.ts';
import { createAjv } from './ajv-instance.ts';
import { ConfigError } from './errors.ts';
import type { SigV4Credentials } from './sigv4-credentials.ts';
import type { KeystoneCredentials } from './openstack-credentials.ts';
import configSchema from './config.schema.json' with { type: 'json' };

export interface Fixtures {
  'cloud-databases-ha': { version: string; accountId: string; flavorRef: string; datastore: { type: string; version: string } };
  'lbaas-healthmonitors': { tenantId: string; poolId: string; busyPoolId?: string; callerIsAdmin?: boolean };
  'cloudbasic-cluster': { remoteServer: string; localServer: string; port: number; publicKey: string; privateKey: string };
  'compute-servers': {
    projectId: string;
    flavorRef: string;
    imageRef: string;
    networkId?: string;
    instanceQuota?: number;
    /** An availability zone and a key pair that exist on the target: without them, valid cases leave the fields out. */
    availabilityZone?: string;
    keyName?: string;
    /** An image that exists and is not active (queued, saving, deactivated…). */
    nonActiveImageRef?: string;
    /** A flavor that exists but whose memory or disk is too small for imageRef (the image's min_ram / min_disk). */
    smallFlavorRef?: string;
    /** A port the project may use, attached to no server. */
    portId?: string;
    /** A port attached to a server already. */
    portInUseId?: string;
    /** A volume attached to no server, in availabilityZone. */
    volumeId?: string;
    /** A volume attached to a server already. */
    attachedVolumeId?: string;
    /** A volume attached to no server, in another availability zone than availabilityZone. */
    volumeInOtherZoneId?: string;
    /** The project's quota of metadata items per server. */
    metadataItemsQuota?: number;
  };
  'orchestration-stacks': { tenantId: string };
}

/** The config file of DESIGN.md, with the defaults filled in. */
export interface ConformanceConfig {
  target?: string;
  apis: Partial<Record<ApiName, { target?: string; headers?: Record<string, string> }>>;
  auth: { token: string; sigv4: SigV4Credentials; keystone?: KeystoneCredentials };
  fixtures: Fixtures;
  /**
   * What the file or the environment gave, as opposed to the embedded mock's defaults: against
   * a live target only these may be sent (engine/live-config.ts). Absent: everything was given.
   */
  given?: { token: boolean; sigv4: boolean; fixtures: ApiName[] };
}

/**
 * What `run` and the embedded mock use when the config says nothing: the mock's fixtures and
 * credentials. Not secrets — only the embedded mock accepts them.
 */
export const DEFAULT_CONFIG: ConformanceConfig = {
  apis: {},
  auth: {
    token: 'mock-token',
    sigv4: { accessKeyId: 'AKIDMOCKEXAMPLE00001', secretAccessKey: 'mock-secret-access-key', region: 'us-east-1', service: 'cloudbasic' },
  },
  fixtures: {
    'cloud-databases-ha': { version: 'v1.0', accountId: '1234', flavorRef: '2', datastore: { type: 'mysql', version: '5.6' } },
    'lbaas-healthmonitors': {
      tenantId: '6f3584d5-7540-48a1-8e30-685362b88411',
      poolId: '74aa2010-a59f-4d35-a436-60a6da882819',
      busyPoolId: '5d8c1a7e-2b8f-4c4e-9a51-0f6f3e2d9b10',
      callerIsAdmin: false,
    },
    'cloudbasic-cluster': { remoteServer: '10.0.0.1', localServer: '10.0.0.2', port: 4432, publicKey: 'ssh-rsa AAAA...', privateKey: '-----BEGIN...' },
    'compute-servers': {
      projectId: 'c73b6a2f-5c3e-4f5e-9f5a-6d1c1b7f2a11',
      flavorRef: '1',
      imageRef: '70a599e0-31e7-49b7-b260-868f441e862b',
      networkId: 'ff608d40-75e9-48cb-b745-77bb55b5eaf2',
      instanceQuota: 10,
      availabilityZone: 'nova',
      keyName: 'conformance-key',
      nonActiveImageRef: '0d2f6b1c-8a3e-4c6f-b1d2-3e4f5a6b7c8d',
      smallFlavorRef: 'tiny',
      portId: '3f1b8c3e-2a7d-4c55-9e0b-6d4f1a2b7c90',
      portInUseId: '8e2c6a1d-5b4f-4e3a-9c7d-1a2b3c4d5e6f',
      volumeId: '5d0ac9d6-3bd6-4b0c-8f37-0e2d0b8f6c4e',
      attachedVolumeId: '6b7e2f9a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      volumeInOtherZoneId: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
      metadataItemsQuota: 128,
    },
    'orchestration-stacks': { tenantId: '9a7a6f8c2b5d4e1f8a3b6c9d0e1f2a3b' },
  },
};

/** Secrets may come from the environment instead of the file; the environment wins. */
export const SECRET_ENVIRONMENT = {
  token: 'CONFORMANCE_AUTH_TOKEN',
  accessKeyId: 'CONFORMANCE_SIGV4_ACCESS_KEY_ID',
  secretAccessKey: 'CONFORMANCE_SIGV4_SECRET_ACCESS_KEY',
} as const;

const validateConfig = createAjv().compile(configSchema);

type ConfigFile = Partial<Omit<ConformanceConfig, 'auth' | 'fixtures'>> & {
  auth?: { token?: string; sigv4?: SigV4Credentials; keystone?: KeystoneCredentials };
  fixtures?: Partial<Fixtures>;
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
      if (found === undefined) throw new ConfigError(`config ${file}: ${where || '/'} names the environment variable ${name}, which is not set`, `Set ${name}, or write the value in the file.`);
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
  if (!validateConfig(parsed)) {
    const problems = (validateConfig.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
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
  // The CloudBasic private key travels in the request body: it is a secret like the others.
  const privateKey = config.fixtures['cloudbasic-cluster']?.privateKey ?? '';
  const keystone = [config.auth.keystone?.password ?? '', config.auth.keystone?.applicationCredentialSecret ?? ''];
  return [config.auth.token, config.auth.sigv4.secretAccessKey, config.auth.sigv4.accessKeyId, config.auth.sigv4.sessionToken ?? '', privateKey, ...keystone].filter((value) => value.length > 0);
}
