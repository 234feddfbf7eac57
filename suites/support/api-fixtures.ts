import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import type { CloudDatabasesFixtures } from '../../apis/cloud-databases-ha/fixtures.ts';
import type { LbaasFixtures } from '../../apis/lbaas-healthmonitors/fixtures.ts';
import type { CloudbasicFixtures } from '../../apis/cloudbasic-cluster/fixtures.ts';
import type { ComputeFixtures } from '../../apis/compute-servers/fixtures.ts';
import type { OrchestrationFixtures } from '../../apis/orchestration-stacks/fixtures.ts';
import { typedFixtures } from '../../apis/api-fixtures.ts';

/** The five APIs' fixture types by name, for tests that write or read one API's fixtures. */
export interface Fixtures {
  'cloud-databases-ha': CloudDatabasesFixtures;
  'lbaas-healthmonitors': LbaasFixtures;
  'cloudbasic-cluster': CloudbasicFixtures;
  'compute-servers': ComputeFixtures;
  'orchestration-stacks': OrchestrationFixtures;
}

/** One API's fixtures from a config, typed as its folder's fixtures.ts gives them. */
export function fixturesFor<A extends keyof Fixtures>(config: ConformanceConfig, api: A): Fixtures[A] {
  return typedFixtures<Fixtures[A]>(api)(config);
}
