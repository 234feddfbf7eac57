/** What exists on an Octavia target: the config's `fixtures.lbaas-healthmonitors` (fixtures.schema.json). */
export interface LbaasFixtures {
  tenantId: string;
  /** A pool on an ACTIVE load balancer, with no health monitor yet. */
  poolId: string;
  /** A pool whose load balancer is not ACTIVE (PENDING_UPDATE…). */
  busyPoolId?: string;
  callerIsAdmin?: boolean;
}

/** The embedded mock's fixtures. */
export const DEFAULT_FIXTURES: LbaasFixtures = {
  tenantId: '6f3584d5-7540-48a1-8e30-685362b88411',
  poolId: '74aa2010-a59f-4d35-a436-60a6da882819',
  busyPoolId: '5d8c1a7e-2b8f-4c4e-9a51-0f6f3e2d9b10',
  callerIsAdmin: false,
};
