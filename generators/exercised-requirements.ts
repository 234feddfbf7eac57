import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { evaluateRequestRules } from '../engine/rules/rule-evaluator.ts';
import { worldOf } from '../engine/world/world-of-spec.ts';
import { parseClaim } from '../engine/schema/schema-claims.ts';
import { isRequestLocation } from '../engine/schema/schema-locations.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import { boundToMembers, requestPointerOf } from './schema-instance-paths.ts';

/**
 * The requirements a valid request puts to the test (not vacuously): rules that hold and
 * apply, and schema requirements whose constrained value is in the request. An accepted
 * valid request is positive evidence for each.
 */
export function exercisedRequirements(spec: LoadedSpec, request: RequestDocument, world: WorldData): string[] {
  const rules = evaluateRequestRules(spec.requirements, request, worldOf(spec, world))
    .filter((verdict) => verdict.verdict === 'held')
    .map((verdict) => verdict.requirementId);
  const schema = spec.requirements
    .filter((requirement) =>
      (requirement.schema ?? []).some((claim) => {
        const parsed = parseClaim(requirement.id, claim);
        if (!isRequestLocation(parsed.location)) return false;
        const unbound = requestPointerOf(spec, parsed.location, parsed.pointer);
        const pointer = unbound === undefined ? undefined : boundToMembers(request, unbound);
        const target = pointer && parsed.property !== undefined ? `${pointer}/${parsed.property}` : pointer;
        return target !== undefined && resolvePointer(request, target) !== undefined;
      }),
    )
    .map((requirement) => requirement.id);
  return [...new Set([...rules, ...schema])].sort();
}
