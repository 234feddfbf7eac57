/** What exists on a Nova target: the config's `fixtures.compute-servers` (fixtures.schema.json). */
export interface ComputeFixtures {
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
}

/** The embedded mock's fixtures. */
export const DEFAULT_FIXTURES: ComputeFixtures = {
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
};
