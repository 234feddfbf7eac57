import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { evaluateRequestRules } from '../engine/rules/rule-evaluator.ts';
import { worldOf } from '../engine/world/world-of-spec.ts';
import { parseClaim } from '../engine/schema/schema-claims.ts';
import { isRequestLocation } from '../engine/schema/schema-locations.ts';
import { childOf, pointerTokens } from '../engine/request/json-pointer.ts';
import { boundToMembers, FREE_KEY, requestPointerOf } from './schema-instance-paths.ts';

/** Where a schema requirement's claim constrains a request: its pointer (free keys unbound) and the property a `required` claim names. */
interface ClaimedValue {
  unbound: string | undefined;
  property: string | undefined;
  /** The tokens of the pointer it reads when no free key is in it: the same in every request. */
  fixed: readonly string[] | undefined;
}

/** Where a claim reads a request: its pointer with its free keys bound there, and the property a `required` claim names under it. */
function claimTarget(request: unknown, unbound: string, property: string | undefined): string {
  const pointer = boundToMembers(request, unbound);
  return pointer && property !== undefined ? `${pointer}/${property}` : pointer;
}

function isClaimed(request: RequestDocument, { unbound, property, fixed }: ClaimedValue): boolean {
  if (unbound === undefined) return false;
  const tokens = fixed ?? pointerTokens(claimTarget(request, unbound, property));
  let node: unknown = request;
  for (const token of tokens) node = childOf(node, token);
  return node !== undefined;
}

/** A loaded spec is read-only: where each schema requirement's claims on the request point is worked out once. */
const claimedValuesOf = new WeakMap<LoadedSpec, { id: string; claimed: ClaimedValue[] }[]>();

function claimedValues(spec: LoadedSpec): { id: string; claimed: ClaimedValue[] }[] {
  let values = claimedValuesOf.get(spec);
  if (!values) {
    values = spec.requirements.map((requirement) => ({
      id: requirement.id,
      claimed: (requirement.schema ?? [])
        .map((claim) => parseClaim(requirement.id, claim))
        .filter((parsed) => isRequestLocation(parsed.location))
        .map((parsed) => {
          const unbound = requestPointerOf(spec, parsed.location, parsed.pointer);
          const free = unbound === undefined || pointerTokens(unbound).includes(FREE_KEY);
          return { unbound, property: parsed.property, fixed: free ? undefined : pointerTokens(claimTarget(undefined, unbound, parsed.property)) };
        }),
    }));
    claimedValuesOf.set(spec, values);
  }
  return values;
}

/**
 * The requirements a valid request puts to the test (not vacuously): rules that hold and
 * apply, and schema requirements whose constrained value is in the request. An accepted
 * valid request is positive evidence for each.
 */
export function exercisedRequirements(spec: LoadedSpec, request: RequestDocument, world: WorldData): string[] {
  const rules = evaluateRequestRules(spec.requirements, request, worldOf(spec, world))
    .filter((verdict) => verdict.verdict === 'held')
    .map((verdict) => verdict.requirementId);
  const schema = claimedValues(spec)
    .filter(({ claimed }) => claimed.some((value) => isClaimed(request, value)))
    .map(({ id }) => id);
  return [...new Set([...rules, ...schema])].sort();
}
