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
    caller: { tenant: f.accountId, admin: false },
  }),
  'lbaas-healthmonitors': (f) => ({
    collections: {
      pools: [
        { key: [f.poolId], loadBalancerStatus: 'ACTIVE' },
        ...(f.busyPoolId ? [{ key: [f.busyPoolId], loadBalancerStatus: 'PENDING_UPDATE' }] : []),
      ],
    },
    caller: { tenant: f.tenantId, admin: false },
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
    },
    quotas: { instances: f.instanceQuota ?? 10 },
  }),
  'orchestration-stacks': (f) => ({
    collections: { tenants: [{ key: [f.tenantId] }], stacks: [] },
    caller: { tenant: f.tenantId, admin: false },
  }),
};

export function worldFromFixtures<A extends ApiName>(api: A, config: ConformanceConfig): WorldData {
  return WORLD_OF[api](config.fixtures[api]);
}
