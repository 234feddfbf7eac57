/** What exists on a Heat target: the config's `fixtures.orchestration-stacks` (fixtures.schema.json). */
export interface OrchestrationFixtures {
  tenantId: string;
}

/** The embedded mock's fixtures. */
export const DEFAULT_FIXTURES: OrchestrationFixtures = { tenantId: '9a7a6f8c2b5d4e1f8a3b6c9d0e1f2a3b' };
