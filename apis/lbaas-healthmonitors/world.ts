import type { WorldData } from '../../engine/world/world-from-data.ts';
import type { LbaasFixtures } from './fixtures.ts';

/** The pools (and their load balancer's status) and the caller. */
export function worldOf(f: LbaasFixtures): WorldData {
  return {
    collections: {
      pools: [{ key: [f.poolId], loadBalancerStatus: 'ACTIVE' }, ...(f.busyPoolId ? [{ key: [f.busyPoolId], loadBalancerStatus: 'PENDING_UPDATE' }] : [])],
    },
    caller: { tenant: f.tenantId, ...(f.callerIsAdmin === undefined ? {} : { admin: f.callerIsAdmin }) },
  };
}
