import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { ComputeFixtures } from './fixtures.ts';

/** A valid server of the fixtures' flavor and image, on their network when they name one. */
export function baseRequestOf(f: ComputeFixtures): Omit<RequestDocument, 'method' | 'header'> {
  return {
    path: { project_id: f.projectId },
    body: {
      server: {
        name: 'conformance-server',
        flavorRef: f.flavorRef,
        imageRef: f.imageRef,
        min_count: 1,
        max_count: 1,
        ...(f.networkId ? { networks: [{ uuid: f.networkId }] } : {}),
      },
    },
  };
}
