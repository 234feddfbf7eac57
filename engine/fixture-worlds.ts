import type { ApiName } from './api-catalogue.ts';
import type { ConformanceConfig, Fixtures } from './config.ts';
import type { WorldData } from './world-from-data.ts';

/**
 * What exists on the mock, per API, from the config's fixtures: the collections the specs'
 * stateful rules name (mustExist, mustBeInState, uniqueWithin…), the quotas and the caller.
 */
const WORLD_OF: { [A in ApiName]: (fixtures: Fixtures[A]) => WorldData } = {
  'cloud-databases-ha': (f) => ({
    collections: {
      versions: [{ key: [f.version] }],
      accounts: [{ key: [f.accountId] }],
      flavors: [{ key: [f.flavorRef] }],
      datastores: [{ key: [f.datastore.type, f.datastore.version] }],
    },
    caller: { tenant: f.accountId },
  }),
  'lbaas-healthmonitors': (f) => ({
    collections: {
      pools: [
        { key: [f.poolId], loadBalancerStatus: 'ACTIVE' },
        ...(f.busyPoolId ? [{ key: [f.busyPoolId], loadBalancerStatus: 'PENDING_UPDATE' }] : []),
      ],
    },
    caller: { tenant: f.tenantId, ...(f.callerIsAdmin === undefined ? {} : { admin: f.callerIsAdmin }) },
  }),
  'cloudbasic-cluster': (f) => ({
    collections: {
      activatedInstances: [{ key: [f.remoteServer] }],
      remoteApiKeys: [{ key: [f.remoteServer, f.publicKey] }],
      apiKeyPairs: [{ key: [f.publicKey, f.privateKey] }],
      localAddresses: [{ key: [f.localServer] }],
    },
  }),
  'compute-servers': (f) => ({
    collections: {
      projects: [{ key: [f.projectId] }],
      flavors: [{ key: [f.flavorRef] }],
      images: [{ key: [f.imageRef], status: 'active' }],
      networks: f.networkId ? [{ key: [f.networkId] }] : [],
      ports: [],
      fixedIps: [],
      blockDeviceSources: [{ key: ['image', f.imageRef], attached: false }],
      // What the fixtures do not name stays unknown: no valid case names a zone, a key pair or an address the config does not give.
      ...(f.availabilityZone ? { availabilityZones: [{ key: [f.availabilityZone] }] } : {}),
      ...(f.keyName ? { keyPairs: [{ key: [f.keyName] }] } : {}),
    },
    ...(f.instanceQuota === undefined ? {} : { quotas: { instances: f.instanceQuota } }),
  }),
  'orchestration-stacks': (f) => ({
    collections: { tenants: [{ key: [f.tenantId] }], stacks: [] },
    caller: { tenant: f.tenantId },
  }),
};

export function worldFromFixtures<A extends ApiName>(api: A, config: ConformanceConfig): WorldData {
  return WORLD_OF[api](config.fixtures[api]);
}

/**
 * The optional fixture that makes each part of a world known: without it, the rules that need
 * it are undecided, and the requirement is not run with this key as the reason.
 */
const DECIDING_FIXTURES: { [A in ApiName]?: Record<string, keyof Fixtures[A]> } = {
  'compute-servers': { availabilityZones: 'availabilityZone', keyPairs: 'keyName', instances: 'instanceQuota' },
  'lbaas-healthmonitors': { caller: 'callerIsAdmin' },
};

/** `fixtures.<api>.<key>`: the fixture that would decide a collection, a quota or the caller (`caller`). */
export function decidingFixture(api: ApiName, subject: string): string | undefined {
  const key = (DECIDING_FIXTURES[api] as Record<string, string> | undefined)?.[subject];
  return key ? `fixtures.${api}.${key}` : undefined;
}
