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
      flavors: [{ key: [f.flavorRef] }, ...listed(f.smallFlavorRef, (key) => ({ key: [key] }))],
      // The fixtures' flavor boots their image (the base request is valid); the small flavor does not.
      flavorFitsImage: [{ key: [f.flavorRef, f.imageRef], fits: true }, ...listed(f.smallFlavorRef, (key) => ({ key: [key, f.imageRef], fits: false }))],
      images: [{ key: [f.imageRef], status: 'active' }, ...listed(f.nonActiveImageRef, (key) => ({ key: [key], status: 'not active' }))],
      networks: f.networkId ? [{ key: [f.networkId] }] : [],
      ports: [...listed(f.portId, (key) => ({ key: [key], inUse: false })), ...listed(f.portInUseId, (key) => ({ key: [key], inUse: true }))],
      fixedIps: [],
      blockDeviceSources: [
        { key: ['image', f.imageRef], attached: false },
        ...listed(f.volumeId, (key) => ({ key: ['volume', key], attached: false })),
        ...listed(f.attachedVolumeId, (key) => ({ key: ['volume', key], attached: true })),
        ...listed(f.volumeInOtherZoneId, (key) => ({ key: ['volume', key], attached: false })),
      ],
      volumeZones: volumeZones(f),
      // What the fixtures do not name stays unknown: no valid case names a zone, a key pair or an address the config does not give.
      ...(f.availabilityZone ? { availabilityZones: [{ key: [f.availabilityZone] }] } : {}),
      ...(f.keyName ? { keyPairs: [{ key: [f.keyName] }] } : {}),
    },
    quotas: {
      ...(f.instanceQuota === undefined ? {} : { instances: f.instanceQuota }),
      ...(f.metadataItemsQuota === undefined ? {} : { metadataItems: f.metadataItemsQuota }),
    },
  }),
  'orchestration-stacks': (f) => ({
    collections: { tenants: [{ key: [f.tenantId] }], stacks: [] },
    caller: { tenant: f.tenantId },
  }),
};

type Item = { key: unknown[]; [field: string]: unknown };

/** One item for a fixture the config gives, none for one it leaves out. */
function listed(fixture: string | undefined, item: (key: string) => Item): Item[] {
  return fixture === undefined ? [] : [item(fixture)];
}

/**
 * The zone of each volume the fixtures name, as far as they tell it: volumeId lies in
 * availabilityZone, volumeInOtherZoneId in some other zone (never equal to a zone a request
 * names), the attached volume's zone is unknown.
 */
function volumeZones(f: Fixtures['compute-servers']): Item[] {
  const zone = (availabilityZone: unknown) => (f.availabilityZone === undefined ? {} : { availabilityZone });
  return [
    ...listed(f.volumeId, (key) => ({ key: ['volume', key], ...zone(f.availabilityZone) })),
    ...listed(f.volumeInOtherZoneId, (key) => ({ key: ['volume', key], ...zone({ otherThan: f.availabilityZone }) })),
    ...listed(f.attachedVolumeId, (key) => ({ key: ['volume', key] })),
  ];
}

export function worldFromFixtures<A extends ApiName>(api: A, config: ConformanceConfig): WorldData {
  return WORLD_OF[api](config.fixtures[api]);
}

/**
 * The optional fixture that makes each part of a world known: without it, the rules that need
 * it are undecided, and the requirement is not run with this key as the reason.
 */
const DECIDING_FIXTURES: { [A in ApiName]?: Record<string, keyof Fixtures[A]> } = {
  'compute-servers': {
    networks: 'networkId',
    ports: 'portId',
    volumeZones: 'volumeId',
    availabilityZones: 'availabilityZone',
    keyPairs: 'keyName',
    instances: 'instanceQuota',
    metadataItems: 'metadataItemsQuota',
    'images.status': 'nonActiveImageRef',
    'flavorFitsImage.fits': 'smallFlavorRef',
    'ports.inUse': 'portInUseId',
    'blockDeviceSources.attached': 'attachedVolumeId',
    'volumeZones.availabilityZone': 'volumeInOtherZoneId',
  },
  'lbaas-healthmonitors': { caller: 'callerIsAdmin' },
};

/**
 * `fixtures.<api>.<key>`: the fixture that would decide a collection, a quota or the caller
 * (`caller`), or give an item of a collection in another state (`<collection>.<field>`).
 */
export function decidingFixture(api: ApiName, subject: string): string | undefined {
  const key = (DECIDING_FIXTURES[api] as Record<string, string> | undefined)?.[subject];
  return key ? `fixtures.${api}.${key}` : undefined;
}
