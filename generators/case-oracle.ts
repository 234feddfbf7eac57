import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { requestFailures } from '../engine/rules/request-failures.ts';
import { judgedFlawless, judgeRequest, type RequestJudgement } from '../engine/rules/reasonable-readings.ts';
import { parseClaim } from '../engine/schema/schema-claims.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import { requestRulesThatAre, someRequestRuleIs, type RuleOutcome } from '../engine/rules/rule-evaluator.ts';
import { worldOf } from '../engine/world/world-of-spec.ts';
import { securitySchemes, usesSigV4 } from '../engine/spec/security-schemes.ts';

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

/**
 * Why a request is not a fair valid case, as ids: the requirements it breaks under either
 * reading of the documents or that its world cannot decide, and `null:<pointer>` for each null
 * in its body (a server may read null as "not given" or refuse it). Empty: known valid.
 */
export interface Oracle {
  (request: RequestDocument): string[];
  /** Whether the oracle finds nothing (known valid): the same answer, found with the first flaw, for the generators that only ask that. */
  knownValid(request: RequestDocument): boolean;
  /** Whether one of these requirements' rules, read literally, is a flaw of the request already (knownValid would say false): a check of a few rules. */
  flawedByRuleOf(request: RequestDocument, requirements: Requirement[]): boolean;
  /** Which of these requirements' rules, read literally, are flaws of the request: the requirements flawedByRuleOf finds, every one. */
  rulesFlawing(request: RequestDocument, requirements: Requirement[]): Requirement[];
}

/** What a request breaks under each reading of the documents (engine/rules/reasonable-readings.ts), credentials aside. */
export type Judge = (request: RequestDocument) => RequestJudgement;

export function createJudge(spec: LoadedSpec, world: WorldData): Judge {
  const credentials = credentialRequirementIds(spec);
  return (request) => {
    const judged = judgeRequest(spec, request, world);
    return {
      broken: judged.broken.filter((id) => !credentials.has(id)),
      ambiguous: judged.ambiguous.filter((item) => !credentials.has(item.requirementId)),
      undecided: judged.undecided.filter((item) => !credentials.has(item.requirementId)),
      nulls: judged.nulls,
    };
  };
}

/** The flaws of a request as a valid case (see Oracle), from a judge. */
export function flawsOf(judged: RequestJudgement): string[] {
  return [
    ...new Set([
      ...judged.broken,
      ...judged.ambiguous.map((item) => item.requirementId),
      ...judged.undecided.map((item) => item.requirementId),
      ...judged.nulls.map((pointer) => `null:${pointer}`),
    ]),
  ].sort();
}

/**
 * What keeps a request from being a known-valid case, as the specs say (ajv on every schema,
 * the evaluator on every rule, under every reading, in the target's world from the fixtures):
 * how every generated case is labelled and checked. With `undecided: 'ignored'`, a rule the
 * world cannot decide is no flaw (while a field is filled in; the candidate is judged whole later).
 */
export function createOracle(spec: LoadedSpec, world: WorldData, options: { undecided?: 'ignored' } = {}): Oracle {
  const credentials = credentialRequirementIds(spec);
  const judge = createJudge(spec, world);
  const undecidedCounts = options.undecided !== 'ignored';
  const oracle = (request: RequestDocument): string[] => {
    const judged = judge(request);
    return flawsOf(undecidedCounts ? judged : { ...judged, undecided: [] });
  };
  const flagged: RuleOutcome[] = undecidedCounts ? ['broken', 'undecided'] : ['broken'];
  return Object.assign(oracle, {
    knownValid: (request: RequestDocument) => judgedFlawless(spec, request, world, credentials, undecidedCounts),
    flawedByRuleOf: (request: RequestDocument, requirements: Requirement[]) =>
      someRequestRuleIs(flagged, requirements, request, worldOf(spec, world), credentials),
    rulesFlawing: (request: RequestDocument, requirements: Requirement[]) =>
      requestRulesThatAre(flagged, requirements, request, worldOf(spec, world), credentials),
  });
}

/** The literal failures alone (the spec as written, no reading excused): for tests and fault inputs. */
export function literalFailures(spec: LoadedSpec, world: WorldData): (request: RequestDocument) => string[] {
  const credentials = credentialRequirementIds(spec);
  return (request) => requestFailures(spec, request, world).filter((id) => !credentials.has(id));
}

export function isCredentialRequirement(spec: LoadedSpec, id: string): boolean {
  return credentialRequirementIds(spec).has(id);
}
