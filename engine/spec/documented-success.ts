import type { LoadedSpec } from './spec-loader.ts';

/** The spec's documented success: its responseStatus requirement and status, if it has one. */
export function documentedSuccess(spec: LoadedSpec): { requirementId: string; status: number } | undefined {
  for (const requirement of spec.requirements) {
    if (requirement.rule?.kind === 'responseStatus') return { requirementId: requirement.id, status: requirement.rule.status };
  }
  return undefined;
}
