import type { ApiName } from '../../engine/api-catalogue.ts';
import type { ApiResponses } from './api-responses.ts';
import { responses as cloudDatabasesHa } from './cloud-databases-ha.ts';
import { responses as lbaasHealthmonitors } from './lbaas-healthmonitors.ts';
import { responses as cloudbasicCluster } from './cloudbasic-cluster.ts';
import { responses as computeServers } from './compute-servers.ts';
import { responses as orchestrationStacks } from './orchestration-stacks.ts';

export type { ApiResponses, ErrorContext, MockResponse, SuccessContext } from './api-responses.ts';

const RESPONSES: Record<ApiName, ApiResponses> = {
  'cloud-databases-ha': cloudDatabasesHa,
  'lbaas-healthmonitors': lbaasHealthmonitors,
  'cloudbasic-cluster': cloudbasicCluster,
  'compute-servers': computeServers,
  'orchestration-stacks': orchestrationStacks,
};

/** The documented success and error answers of one API, for the embedded mock. */
export function responsesFor(api: ApiName): ApiResponses {
  return RESPONSES[api];
}
