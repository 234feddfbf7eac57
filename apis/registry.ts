import type { RegisteredApi } from './api-definition.ts';

/**
 * The registry: one line per API, in the order the suite plans, runs and reports them. Adding an
 * API is its folder and one line here (docs/adding-an-api.md); everything else (the CLI's --api
 * names, the config's and the results' schemas, the mock, the tests' tables) is derived.
 */
export const REGISTERED_APIS: readonly RegisteredApi[] = [
  (await import('./cloud-databases-ha/definition.ts')).definition,
  (await import('./lbaas-healthmonitors/definition.ts')).definition,
  (await import('./cloudbasic-cluster/definition.ts')).definition,
  (await import('./compute-servers/definition.ts')).definition,
  (await import('./orchestration-stacks/definition.ts')).definition,
];
