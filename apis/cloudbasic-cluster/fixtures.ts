/** What exists on a CloudBasic target: the config's `fixtures.cloudbasic-cluster` (fixtures.schema.json). */
export interface CloudbasicFixtures {
  remoteServer: string;
  localServer: string;
  port: number;
  publicKey: string;
  /** Travels in the request body: a secret like the credentials. */
  privateKey: string;
}

/** The embedded mock's fixtures. */
export const DEFAULT_FIXTURES: CloudbasicFixtures = {
  remoteServer: '10.0.0.1',
  localServer: '10.0.0.2',
  port: 4432,
  publicKey: 'ssh-rsa AAAA...',
  privateKey: '-----BEGIN...',
};
