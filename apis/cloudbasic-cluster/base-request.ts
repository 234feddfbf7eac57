import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { CloudbasicFixtures } from './fixtures.ts';

/** A valid cluster of the fixtures' two servers. */
export function baseRequestOf(f: CloudbasicFixtures): Omit<RequestDocument, 'method' | 'header'> {
  return {
    path: {},
    body: { remoteServer: f.remoteServer, localServer: f.localServer, port: f.port, publicKey: f.publicKey, privateKey: f.privateKey },
  };
}
