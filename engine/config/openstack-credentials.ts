import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.ts';

/** Keystone v3 credentials, as the OpenStack client takes them (clouds.yaml, OS_* variables, or the config's auth.keystone). */
export interface KeystoneCredentials {
  authUrl: string;
  username?: string;
  userId?: string;
  password?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  applicationCredentialId?: string;
  applicationCredentialSecret?: string;
  regionName?: string;
  /** public (default), internal or admin: which catalog endpoint to use. */
  interface?: string;
}

/** The places the OpenStack client looks for clouds.yaml, in its order. */
export function cloudsYamlPlaces(environment: NodeJS.ProcessEnv = process.env): string[] {
  return [
    ...(environment.OS_CLIENT_CONFIG_FILE ? [environment.OS_CLIENT_CONFIG_FILE] : []),
    path.resolve('clouds.yaml'),
    path.join(environment.HOME ?? homedir(), '.config', 'openstack', 'clouds.yaml'),
    '/etc/openstack/clouds.yaml',
  ];
}

type CloudEntry = { auth?: Record<string, string>; region_name?: string; interface?: string };

/** clouds.yaml's auth keys → ours. */
const FROM_CLOUDS_YAML: Record<string, keyof KeystoneCredentials> = {
  auth_url: 'authUrl',
  username: 'username',
  user_id: 'userId',
  password: 'password',
  user_domain_name: 'userDomainName',
  user_domain_id: 'userDomainId',
  project_name: 'projectName',
  project_id: 'projectId',
  tenant_name: 'projectName',
  tenant_id: 'projectId',
  project_domain_name: 'projectDomainName',
  project_domain_id: 'projectDomainId',
  application_credential_id: 'applicationCredentialId',
  application_credential_secret: 'applicationCredentialSecret',
};

/** The cloud NAME of the first clouds.yaml that has it. */
export function credentialsFromCloudsYaml(name: string, environment: NodeJS.ProcessEnv = process.env): KeystoneCredentials {
  const places = cloudsYamlPlaces(environment);
  for (const file of places) {
    if (!existsSync(file)) continue;
    const clouds = (parseYaml(readFileSync(file, 'utf8')) as { clouds?: Record<string, CloudEntry> } | null)?.clouds ?? {};
    const cloud = clouds[name];
    if (!cloud) continue;
    const credentials: Partial<KeystoneCredentials> = {};
    for (const [key, value] of Object.entries(cloud.auth ?? {})) {
      const ours = FROM_CLOUDS_YAML[key];
      if (ours && typeof value === 'string') credentials[ours] = value;
    }
    if (cloud.region_name) credentials.regionName = cloud.region_name;
    if (cloud.interface) credentials.interface = cloud.interface;
    if (!credentials.authUrl) throw new ConfigError(`cloud ${name} in ${file} has no auth.auth_url`);
    return credentials as KeystoneCredentials;
  }
  throw new ConfigError(`no cloud named ${name} in ${places.join(', ')}`, 'Name a cloud of your clouds.yaml with --os-cloud or OS_CLOUD.');
}

/** OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME…: the variables of an openrc file. */
export function credentialsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): KeystoneCredentials | undefined {
  if (!environment.OS_AUTH_URL) return undefined;
  const pick = (name: string): string | undefined => environment[name] || undefined;
  const credentials: KeystoneCredentials = { authUrl: environment.OS_AUTH_URL };
  const keys: [keyof KeystoneCredentials, string][] = [
    ['username', 'OS_USERNAME'],
    ['userId', 'OS_USER_ID'],
    ['password', 'OS_PASSWORD'],
    ['userDomainName', 'OS_USER_DOMAIN_NAME'],
    ['userDomainId', 'OS_USER_DOMAIN_ID'],
    ['projectName', 'OS_PROJECT_NAME'],
    ['projectId', 'OS_PROJECT_ID'],
    ['projectDomainName', 'OS_PROJECT_DOMAIN_NAME'],
    ['projectDomainId', 'OS_PROJECT_DOMAIN_ID'],
    ['applicationCredentialId', 'OS_APPLICATION_CREDENTIAL_ID'],
    ['applicationCredentialSecret', 'OS_APPLICATION_CREDENTIAL_SECRET'],
    ['regionName', 'OS_REGION_NAME'],
    ['interface', 'OS_INTERFACE'],
  ];
  for (const [ours, variable] of keys) {
    const value = pick(variable);
    if (value !== undefined) credentials[ours] = value;
  }
  return credentials;
}

/**
 * The Keystone credentials of a run, with the OpenStack client's precedence: the config's
 * auth.keystone, else the cloud named by --os-cloud or OS_CLOUD in clouds.yaml, else the OS_*
 * variables. Undefined: the run uses a static token (auth.token).
 */
export function resolveKeystoneCredentials(
  fromConfig: KeystoneCredentials | undefined,
  osCloud: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): KeystoneCredentials | undefined {
  if (fromConfig) return fromConfig;
  const cloud = osCloud ?? environment.OS_CLOUD;
  if (cloud) return credentialsFromCloudsYaml(cloud, environment);
  return credentialsFromEnvironment(environment);
}

/** The secrets among them, for redaction. */
export function keystoneSecrets(credentials: KeystoneCredentials | undefined): string[] {
  return [credentials?.password, credentials?.applicationCredentialSecret].filter((value): value is string => typeof value === 'string' && value.length > 0);
}
