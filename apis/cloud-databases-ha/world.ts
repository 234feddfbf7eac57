import type { WorldData } from '../../engine/world/world-from-data.ts';
import type { CloudDatabasesFixtures } from './fixtures.ts';

/** The collections the spec's stateful rules name, and the caller's account. */
export function worldOf(f: CloudDatabasesFixtures): WorldData {
  return {
    collections: {
      versions: [{ key: [f.version] }],
      accounts: [{ key: [f.accountId] }],
      flavors: [{ key: [f.flavorRef] }],
      datastores: [{ key: [f.datastore.type, f.datastore.version] }],
    },
    caller: { tenant: f.accountId },
  };
}
