import type { WorldData } from '../../engine/world/world-from-data.ts';
import type { CloudbasicFixtures } from './fixtures.ts';

/** The activated instance, its API key pair, and the local address. */
export function worldOf(f: CloudbasicFixtures): WorldData {
  return {
    collections: {
      activatedInstances: [{ key: [f.remoteServer] }],
      remoteApiKeys: [{ key: [f.remoteServer, f.publicKey] }],
      apiKeyPairs: [{ key: [f.publicKey, f.privateKey] }],
      localAddresses: [{ key: [f.localServer] }],
    },
  };
}
