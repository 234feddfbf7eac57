import { ambiguityOf, describeAmbiguity } from '../engine/document-ambiguities.ts';
import { resolvePointer } from '../engine/json-pointer.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import { parameters } from '../engine/schema-locations.ts';
import { createSchemaValidator, type SchemaViolation } from '../engine/schema-violations.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';

/** The request's schema violations (body and parameters), each with the value it is about and where it sits in the request. */
function violationsOf(spec: LoadedSpec, request: RequestDocument): { violation: SchemaViolation; value: unknown; where: string }[] {
  const validate = createSchemaValidator(spec);
  const found = validate('request-body', request.body).map((violation) => ({
    violation,
    value: resolvePointer(request.body, violation.instancePath),
    where: `/body${violation.instancePath}`,
  }));
  for (const parameter of parameters(spec)) {
    const value = parameter.in === 'header' ? request.header?.[parameter.name.toLowerCase()] : parameter.in === 'path' ? request.path?.[parameter.name] : undefined;
    if (value === undefined || !parameter.schema) continue;
    const prefix = parameter.in === 'header' ? `/header/${parameter.name.toLowerCase()}` : `/path/${parameter.name}`;
    for (const violation of validate(`parameter:${parameter.name}`, value)) {
      found.push({ violation, value: resolvePointer(value, violation.instancePath), where: `${prefix}${violation.instancePath}` });
    }
  }
  return found;
}

/**
 * Why a planned negative case proves nothing: every value by which it breaks its requirement's
 * schema is one the documents leave ambiguous (engine/document-ambiguities.ts), such as
 * `"delay": "7"` where the document's own example sends `"delay": "1"`, or a UUID without
 * dashes: a conforming server may accept it, so refusing it cannot be required. Undefined when
 * the case is a fair test (it breaks the requirement by a value a conforming server must refuse,
 * or breaks it as a rule, not a schema keyword).
 */
export function toleratedBreach(spec: LoadedSpec, requirementId: string, request: RequestDocument): string | undefined {
  const requirement = spec.requirements.find((candidate) => candidate.id === requirementId);
  if (!requirement?.schema) return undefined;
  const own = violationsOf(spec, request).filter(({ violation }) => violation.requirementId === requirementId);
  if (own.length === 0) return undefined;
  const reasons: string[] = [];
  for (const { violation, value, where } of own) {
    const ambiguity = ambiguityOf(spec, requirement, violation, value);
    if (!ambiguity) return undefined;
    reasons.push(`${where} = ${JSON.stringify(value)} is ${describeAmbiguity(ambiguity)}`);
  }
  return [...new Set(reasons)].join('; ');
}
