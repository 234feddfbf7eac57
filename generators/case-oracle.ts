import type { LoadedSpec } from '../engine/spec-loader.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import type { WorldData } from '../engine/world-from-data.ts';
import { requestFailures } from '../engine/request-failures.ts';
import { parseClaim } from '../engine/schema-claims.ts';
import { securitySchemes, usesSigV4 } from '../engine/security-schemes.ts';

/** Credentials are applied at send time: their requirements are the auth checks', not the body generators'. */
function credentialRequirementIds(spec: LoadedSpec): Set<string> {
  const credentialHeaders = new Set(Object.values(securitySchemes(spec)).map((scheme) => `parameter:${scheme.name ?? ''}`));
  if (usesSigV4(spec)) for (const name of ['Host', 'X-Amz-Date', 'X-Amz-Content-Sha256', 'Authorization']) credentialHeaders.add(`parameter:${name}`);
  return new Set(
    spec.requirements
      .filter(
        (requirement) =>
          requirement.rule?.kind === 'authenticated' ||
          (requirement.schema ?? []).some((claim) => credentialHeaders.has(parseClaim(requirement.id, claim).location)),
      )
      .map((requirement) => requirement.id),
  );
}

export type Oracle = (request: RequestDocument) => string[];

/**
 * What a request breaks, as the specs say (ajv on every schema, the evaluator on every rule,
 * in the target's world from the fixtures): how every generated case is labelled and checked.
 */
export function createOracle(spec: LoadedSpec, world: WorldData): Oracle {
  const credentials = credentialRequirementIds(spec);
  return (request) => requestFailures(spec, request, world).filter((id) => !credentials.has(id));
}

export function isCredentialRequirement(spec: LoadedSpec, id: string): boolean {
  return credentialRequirementIds(spec).has(id);
}
