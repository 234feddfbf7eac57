import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import { requirementById, type LoadedSpec } from '../../engine/spec/spec-loader.ts';
import type { Condition } from '../../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import { conditionHolds } from '../../engine/rules/rule-conditions.ts';
import { worldFromFixtures } from '../../apis/fixture-worlds.ts';
import { baseRequest } from '../../apis/base-requests.ts';
import { createOracle } from '../../generators/case-oracle.ts';
import { DeterministicSampler } from '../../generators/deterministic-sampler.ts';
import { schemaCandidates, type Candidate } from '../../generators/schema-mutations.ts';
import { ruleCandidates } from '../../generators/rule-mutations.ts';
import type { Fault } from '../../mock/fault-catalogue.ts';

/** The `when` of a fault that answers (refuse, fail) or does not (hang, drop) for particular requests. */
export function whenOf(fault: Fault): Condition | undefined {
  const { effect } = fault;
  return effect.refuse?.when ?? effect.fail?.when ?? effect.hang?.when ?? effect.drop?.when;
}

/**
 * The valid boundary requests the planner makes for a requirement (as case-planner.ts does:
 * positive candidates that break nothing) that meet a condition: the inputs a fault's `when`
 * must hit for the suite to catch it.
 */
export function validBoundaryRequestsMeeting(spec: LoadedSpec, config: ConformanceConfig, requirementId: string, when: Condition, seed = 7): RequestDocument[] {
  const requirement = requirementById(spec, requirementId);
  if (!requirement) return [];
  const world = worldFromFixtures(spec.api, config);
  const oracle = createOracle(spec, world);
  const context = { spec, base: baseRequest(spec.api, config), oracle, sampler: new DeterministicSampler(seed), world };
  let candidates: Candidate[] = [];
  if (requirement.schema) candidates = schemaCandidates(context, requirement);
  else if (requirement.rule) {
    const made = ruleCandidates(context, requirement);
    candidates = 'candidates' in made ? made.candidates : [];
  }
  return candidates
    .filter((candidate) => candidate.polarity === 'positive' && !candidate.setup && oracle(candidate.request).length === 0)
    .map((candidate) => candidate.request)
    .filter((request) => conditionHolds(when, request));
}
