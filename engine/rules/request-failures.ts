import type { LoadedSpec } from '../spec/spec-loader.ts';
import type { RequestDocument } from '../request/request-document.ts';
import type { WorldData } from '../world/world-from-data.ts';
import { createSchemaValidator, type SchemaViolation } from '../schema/schema-violations.ts';
import { evaluateRequestRules } from './rule-evaluator.ts';
import { requestParts, type RequestPart } from '../schema/schema-locations.ts';
import { worldOf } from '../world/world-of-spec.ts';

export interface Failure {
  requirementId: string;
  detail: string;
}

/** One schema violation of a request, with the value it was found in (the body, or a parameter's value) and where that is. */
export interface RequestViolation {
  violation: SchemaViolation;
  root: unknown;
  where: string;
}

function whereOf(part: RequestPart): string {
  return part.in === 'body' ? 'body' : `${part.in} ${part.name ?? ''}:`;
}

/** A request's body and its path and header parameters (engine/schema/schema-locations.ts walks them), each validated against its schema. */
export function requestSchemaViolations(spec: LoadedSpec, request: RequestDocument): RequestViolation[] {
  const validate = createSchemaValidator(spec);
  return requestParts(spec, request).flatMap((part) =>
    validate(part.location, part.value).map((violation) => ({ violation, root: part.value, where: whereOf(part) })),
  );
}

/** Everything a request fails: body schema, each parameter's schema, each request rule in this world. */
export function requestFailureDetails(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): Failure[] {
  const failures: Failure[] = requestSchemaViolations(spec, request).map(({ violation, where }) => ({
    requirementId: violation.requirementId ?? '(unclaimed)',
    detail: `${where} ${violation.message}`,
  }));
  for (const verdict of evaluateRequestRules(spec.requirements, request, worldOf(spec, world))) {
    if (verdict.verdict === 'broken') failures.push({ requirementId: verdict.requirementId, detail: `rule: ${verdict.detail}` });
  }
  return failures;
}

/** The ids of the requirements a request fails, sorted, each once. */
export function requestFailures(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): string[] {
  return [...new Set(requestFailureDetails(spec, request, world).map((failure) => failure.requirementId))].sort();
}
