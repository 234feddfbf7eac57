import type { WorldData } from '../../engine/world/world-from-data.ts';
import type { OrchestrationFixtures } from './fixtures.ts';

/** The tenant, and its stacks (none yet: each create adds one). */
export function worldOf(f: OrchestrationFixtures): WorldData {
  return {
    collections: { tenants: [{ key: [f.tenantId] }], stacks: [] },
    caller: { tenant: f.tenantId },
  };
}
