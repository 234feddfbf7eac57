import { specSchemaAjv } from '../schema/ajv-instance.ts';
import { parsePointer, resolvePointer, formatPointer } from '../request/json-pointer.ts';
import type { Requirement, Tolerance } from './requirement-model.ts';
import type { SchemaViolation } from '../schema/schema-violations.ts';
import { schemaLocations } from '../schema/schema-locations.ts';
import type { LoadedSpec } from './spec-loader.ts';
import { isSchemaNode, type JsonSchemaNode } from '../schema/json-schema-node.ts';

/**
 * Inputs outside a spec's schema that the documents themselves leave ambiguous, so a conforming
 * server may accept them: a value a requirement's `tolerated` schema matches (the document's own
 * examples send it, e.g. `"delay": "1"`), and a UUID written in another form (32 hex digits
 * without dashes, any letter case) where a field is `format: uuid`. The lenient mock accepts
 * them; the case planner never sends them as invalid.
 */
export type Ambiguity = { kind: 'tolerated'; erratum: string } | { kind: 'uuid-form' };

type ValueTolerance = Extract<Tolerance, { schema: JsonSchemaNode }>;

const toleranceChecks = new WeakMap<object, (value: unknown) => boolean>();

function toleranceCheck(tolerance: ValueTolerance): (value: unknown) => boolean {
  let check = toleranceChecks.get(tolerance.schema);
  if (!check) {
    const compiled = specSchemaAjv().compile(tolerance.schema);
    check = (candidate: unknown) => compiled(candidate) === true;
    toleranceChecks.set(tolerance.schema, check);
  }
  return check;
}

/**
 * The requirement's tolerance that matches the value: a value tolerance whose schema the value
 * meets, or, for a missing field (`undefined`), a tolerance of its absence.
 */
export function toleranceOf(requirement: Requirement | undefined, value: unknown): Tolerance | undefined {
  const tolerances = requirement?.tolerated ?? [];
  if (value === undefined) return tolerances.find((tolerance) => 'absent' in tolerance);
  return tolerances.find((tolerance) => 'schema' in tolerance && toleranceCheck(tolerance)(value));
}

/** A UUID dashed (8-4-4-4-12) or as 32 hex digits, in any letter case. */
export function isUuidInAnyForm(value: unknown): boolean {
  return typeof value === 'string' && /^(?:[0-9a-f]{32}|[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})$/i.test(value);
}

/** The schema node a violation's keyword sits on (its schema path minus the keyword). */
function violatedNode(spec: LoadedSpec, violation: SchemaViolation): JsonSchemaNode | undefined {
  const schema = schemaLocations(spec).find((location) => location.name === violation.location)?.schema;
  const tokens = parsePointer(violation.schemaPath || '/');
  const node = schema && resolvePointer(schema, formatPointer(tokens.slice(0, -1)));
  return isSchemaNode(node) ? node : undefined;
}

function keywordOf(violation: SchemaViolation): string | undefined {
  return violation.schemaPath.split('/').pop();
}

/**
 * Why this violation of `requirement`, by `value` (the instance at the violation's path), is an
 * input the documents leave ambiguous; undefined when a conforming server must refuse it.
 */
export function ambiguityOf(spec: LoadedSpec, requirement: Requirement | undefined, violation: SchemaViolation, value: unknown): Ambiguity | undefined {
  // A `required` violation is about the missing field, not the object it is missing from.
  const tolerance = toleranceOf(requirement, keywordOf(violation) === 'required' ? undefined : value);
  if (tolerance) return { kind: 'tolerated', erratum: tolerance.erratum };
  if (keywordOf(violation) === 'format' && violatedNode(spec, violation)?.format === 'uuid' && isUuidInAnyForm(value)) return { kind: 'uuid-form' };
  return undefined;
}

export function describeAmbiguity(ambiguity: Ambiguity): string {
  return ambiguity.kind === 'tolerated'
    ? `a value the document's own examples send, tolerated (${ambiguity.erratum})`
    : 'a UUID in another form (32 hex digits, any letter case): the documents do not fix its spelling';
}
