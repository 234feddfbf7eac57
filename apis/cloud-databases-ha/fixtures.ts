/** What exists on a Cloud Databases target: the config's `fixtures.cloud-databases-ha` (fixtures.schema.json). */
export interface CloudDatabasesFixtures {
  version: string;
  accountId: string;
  flavorRef: string;
  datastore: { type: string; version: string };
}

/** The embedded mock's fixtures. */
export const DEFAULT_FIXTURES: CloudDatabasesFixtures = { version: 'v1.0', accountId: '1234', flavorRef: '2', datastore: { type: 'mysql', version: '5.6' } };
