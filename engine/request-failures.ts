import type { LoadedSpec } from './spec-loader.ts';
import type { RequestDocument } from './request-document.ts';
import type { WorldData } from './world-from-data.ts';
import { createSchemaValidator } from './schema-violations.ts';
import { evaluateRequestRules } from './rule-evaluator.ts';
import { parameters } from './schema-locations.ts';
import { worldOf } from './world-of-spec.ts';

export interface Failure {
  requirementId: string;
  detail: string;
}

/** Everything a request fails: body schema, each parameter's schema, each request rule in this world. */
export function requestFailureDetails(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): Failure[] {
  const validate = createSchemaValidator(spec);
  const failures: Failure[] = [];
  for (const violation of validate('request-body', request.body)) {
    failures.push({ requirementId: violation.requirementId ?? '(unclaimed)', detail: `body ${violation.message}` });
  }
  for (const parameter of parameters(spec)) {
    if (!parameter.schema) continue;
    const value = parameter.in === 'header' ? request.header?.[parameter.name.toLowerCase()] : request.path?.[parameter.name];
    if (value === undefined) continue;
    for (const violation of validate(`parameter:${parameter.name}`, value)) {
      failures.push({ requirementId: violation.requirementId ?? '(unclaimed)', detail: `${parameter.in} ${parameter.name}: ${violation.message}` });
    }
  }
  for (const verdict of evaluateRequestRules(spec.requirements, request, worldOf(spec, world))) {
    if (verdict.verdict === 'broken') failures.push({ requirementId: verdict.requirementId, detail: `rule: ${verdict.detail}` });
  }
  return failures;
}

/** The ids of the requirements a request fails, sorted, each once. */
export function requestFailures(spec: LoadedSpec, request: RequestDocument, world: WorldData | undefined): string[] {
  return [...new Set(requestFailureDetails(spec, request, world).map((failure) => failure.requirementId))].sort();
}
