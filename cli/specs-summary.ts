import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { requirementKind } from '../engine/spec/requirement-model.ts';

/** Per API: requirements by kind (schema / rule / untestable) and level, and errata. */
export interface SpecSummary {
  api: string;
  schema: { explicit: number; inferred: number };
  rule: { explicit: number; inferred: number };
  untestable: number;
  errata: number;
}

export function summarizeSpec(spec: LoadedSpec): SpecSummary {
  const summary: SpecSummary = {
    api: spec.api,
    schema: { explicit: 0, inferred: 0 },
    rule: { explicit: 0, inferred: 0 },
    untestable: 0,
    errata: spec.errata.length,
  };
  for (const requirement of spec.requirements) {
    const kind = requirementKind(requirement);
    if (kind === 'untestable') summary.untestable += 1;
    else summary[kind][requirement.level] += 1;
  }
  return summary;
}
