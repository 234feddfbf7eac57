import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import type { RequestJudgement } from '../engine/rules/reasonable-readings.ts';
import { specExamples } from '../engine/spec/spec-examples.ts';
import { repairReferences } from './reference-repair.ts';
import type { Judge } from './case-oracle.ts';

export type DocumentExample = { description: string; request: RequestDocument } | { description: string; failures: string[]; why: string };

/** What keeps an example from being sent as valid. A value some reading refuses (the "delay": "1" the example itself sends) does not: the example is the document saying it is accepted. */
function flaws(judged: RequestJudgement): string | undefined {
  const reasons = [
    ...judged.broken.map((id) => `breaks ${id}`),
    ...judged.undecided.map((item) => `${item.requirementId} undecided: ${item.detail}`),
    ...(judged.nulls.length ? [`null at ${judged.nulls.join(', ')}`] : []),
  ];
  return reasons.length ? reasons.join('; ') : undefined;
}

/**
 * The document's own request examples, sent as valid cases: what client authors copy. Each is
 * the base request with the example's body, its references to flavors, pools or images pointed
 * at the target's (the example's own ids name nothing there). One that is not known valid, an
 * example an erratum records as breaking a rule, or one naming a fixture the config lacks, is
 * left out with why. Their level is inferred: an example shows, the request table states, so a
 * refusal of one (of its "delay": "1", say) warns and fails only with --strict.
 */
export function documentExamples(spec: LoadedSpec, base: RequestDocument, world: WorldData, judge: Judge): DocumentExample[] {
  return specExamples(spec)
    .filter((example) => example.location === 'request-body')
    .map((example) => {
      const description = `the document's request example (${example.name})`;
      const request = repairReferences(spec.requirements, { ...base, body: structuredClone(example.value) }, world);
      const judged = judge(request);
      const why = flaws(judged);
      return why ? { description, failures: judged.broken, why } : { description, request };
    });
}
