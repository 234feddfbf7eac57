import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { credentialsFromEnvironment, keystoneSecrets, resolveKeystoneCredentials } from '../engine/config/openstack-credentials.ts';
import { baseOfCatalogUrl } from '../runner/keystone-session.ts';

/** Keystone credentials as the OpenStack client takes them, and catalog URLs made bases for the specs' paths. */
const scratch = mkdtempSync(path.join(tmpdir(), 'openstack-'));
const clouds = path.join(scratch, 'clouds.yaml');
writeFileSync(
  clouds,
  [
    'clouds:',
    '  staging:',
    '    auth:',
    '      auth_url: https://keystone.example.net:5000/v3',
    '      username: conformance',
    '      password: pw-SECRET',
    '      project_name: tests',
    '      user_domain_name: Default',
    '      project_domain_name: Default',
    '    region_name: RegionTwo',
    '    interface: internal',
    '  appcred:',
    '    auth:',
    '      auth_url: https://keystone.example.net:5000',
    '      application_credential_id: ac-id',
    '      application_credential_secret: ac-SECRET',
    '',
  ].join('\n'),
);

describe('Keystone credentials', () => {
  it('reads a cloud of clouds.yaml (OS_CLIENT_CONFIG_FILE first), with its region and interface', () => {
    const credentials = resolveKeystoneCredentials(undefined, 'staging', { OS_CLIENT_CONFIG_FILE: clouds, HOME: scratch });
    expect(credentials).toEqual({
      authUrl: 'https://keystone.example.net:5000/v3',
      username: 'conformance',
      password: 'pw-SECRET',
      projectName: 'tests',
      userDomainName: 'Default',
      projectDomainName: 'Default',
      regionName: 'RegionTwo',
      interface: 'internal',
    });
    expect(resolveKeystoneCredentials(undefined, undefined, { OS_CLOUD: 'appcred', OS_CLIENT_CONFIG_FILE: clouds, HOME: scratch })).toMatchObject({
      applicationCredentialId: 'ac-id',
    });
  });

  it('says which places it looked in when the cloud is not there', () => {
    expect(() => resolveKeystoneCredentials(undefined, 'nowhere', { OS_CLIENT_CONFIG_FILE: clouds, HOME: scratch })).toThrow(ConfigError);
    expect(() => resolveKeystoneCredentials(undefined, 'nowhere', { OS_CLIENT_CONFIG_FILE: clouds, HOME: scratch })).toThrow(
      /no cloud named nowhere in .*clouds\.yaml/,
    );
  });

  it('reads the OS_* variables of an openrc file when no cloud is named', () => {
    const environment = {
      OS_AUTH_URL: 'http://k:5000/v3',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_PROJECT_ID: 'pid',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_REGION_NAME: 'R',
    };
    expect(resolveKeystoneCredentials(undefined, undefined, environment)).toEqual({
      authUrl: 'http://k:5000/v3',
      username: 'u',
      password: 'p',
      projectId: 'pid',
      userDomainName: 'Default',
      regionName: 'R',
    });
    expect(credentialsFromEnvironment({})).toBeUndefined();
  });

  it("takes the config's auth.keystone over a named cloud and the variables", () => {
    const fromConfig = { authUrl: 'http://config:5000', username: 'c', password: 'p' };
    expect(resolveKeystoneCredentials(fromConfig, 'staging', { OS_CLOUD: 'appcred', OS_AUTH_URL: 'http://env', OS_CLIENT_CONFIG_FILE: clouds })).toBe(
      fromConfig,
    );
  });

  it('names the password and the application-credential secret as secrets', () => {
    expect(keystoneSecrets({ authUrl: 'x', password: 'pw', applicationCredentialSecret: 'acs' })).toEqual(['pw', 'acs']);
  });
});

describe("a catalog URL made a base for the spec's path", () => {
  it.each([
    ['http://127.0.0.1:8774/v2.1', 'http://127.0.0.1:8774'],
    ['https://cloud.example.net/compute/v2.1/', 'https://cloud.example.net/compute'],
    ['https://cloud.example.net/compute/v2/0123abcd', 'https://cloud.example.net/compute'],
    ['http://127.0.0.1:8004/v1/fd57c99ad0d7491fa496a3ac9a44eb7c', 'http://127.0.0.1:8004'],
    ['https://cloud.example.net/heat-api/v1/fd57c99ad0d7491fa496a3ac9a44eb7c', 'https://cloud.example.net/heat-api'],
    ['https://cloud.example.net/load-balancer', 'https://cloud.example.net/load-balancer'],
    ['http://127.0.0.1:9876', 'http://127.0.0.1:9876'],
    ['https://db.example.net/v1.0/1234', 'https://db.example.net'],
  ])('%s → %s', (url, base) => {
    expect(baseOfCatalogUrl(url)).toBe(base);
  });
});
