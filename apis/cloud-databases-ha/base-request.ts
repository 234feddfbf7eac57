import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { CloudDatabasesFixtures } from './fixtures.ts';

/** A valid HA instance request: a source and one replica of the fixtures' flavor, an ACL. */
export function baseRequestOf(f: CloudDatabasesFixtures): Omit<RequestDocument, 'method' | 'header'> {
  return {
    path: { version: f.version, accountId: f.accountId },
    body: {
      ha: {
        name: 'conformance-ha',
        datastore: { type: f.datastore.type, version: f.datastore.version },
        replica_source: [{ name: 'source', flavorRef: f.flavorRef, volume: { size: 1 } }],
        replicas: [{ name: 'replica-1', flavorRef: f.flavorRef, volume: { size: 1 } }],
        networks: ['servicenet'],
        acls: [{ address: '10.0.0.0/8' }],
      },
    },
  };
}
