import type { WorldData, WorldItem } from '../../engine/world/world-from-data.ts';
import type { ComputeFixtures } from './fixtures.ts';

/** The project, flavors, images, networks, ports, volumes and zones the fixtures name, and the quotas. */
export function worldOf(f: ComputeFixtures): WorldData {
  return {
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
  };
}

/** One item for a fixture the config gives, none for one it leaves out. */
function listed(fixture: string | undefined, item: (key: string) => WorldItem): WorldItem[] {
  return fixture === undefined ? [] : [item(fixture)];
}

/**
 * The zone of each volume the fixtures name, as far as they tell it: volumeId lies in
 * availabilityZone, volumeInOtherZoneId in some other zone (never equal to a zone a request
 * names), the attached volume's zone is unknown.
 */
function volumeZones(f: ComputeFixtures): WorldItem[] {
  const zone = (availabilityZone: unknown) => (f.availabilityZone === undefined ? {} : { availabilityZone });
  return [
    ...listed(f.volumeId, (key) => ({ key: ['volume', key], ...zone(f.availabilityZone) })),
    ...listed(f.volumeInOtherZoneId, (key) => ({ key: ['volume', key], ...zone({ otherThan: f.availabilityZone }) })),
    ...listed(f.attachedVolumeId, (key) => ({ key: ['volume', key] })),
  ];
}

/** The optional fixture that makes each part of the world known: without it, the rules that need it are undecided. */
export const DECIDING_FIXTURES = {
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
} as const satisfies Record<string, keyof ComputeFixtures>;
