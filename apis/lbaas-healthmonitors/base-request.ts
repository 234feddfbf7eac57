import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { LbaasFixtures } from './fixtures.ts';

/** A valid HTTP health monitor on the fixtures' pool. */
export function baseRequestOf(f: LbaasFixtures): Omit<RequestDocument, 'method' | 'header'> {
  return {
    path: {},
    body: { healthmonitor: { tenant_id: f.tenantId, type: 'HTTP', delay: 5, timeout: 4, max_retries: 3, pool_id: f.poolId } },
  };
}
