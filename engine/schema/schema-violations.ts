import type { ErrorObject, ValidateFunction } from 'ajv';
import { specSchemaAjv } from './ajv-instance.ts';
import type { LoadedSpec } from '../spec/spec-loader.ts';
import { claimCovers, claimsOf, type ParsedClaim } from './schema-claims.ts';
import { schemaLocations } from './schema-locations.ts';

/** One schema failure, named by the requirement whose claim covers the failing keyword. */
export interface SchemaViolation {
  requirementId: string | undefined;
  location: string;
  instancePath: string;
  schemaPath: string;
  message: string;
}

export type SchemaValidator = (location: string, value: unknown) => SchemaViolation[];

/** ajv gives the schema path as a URI fragment (`OS-DCF%3AdiskConfig`); claims use plain JSON pointers. */
function schemaPathOf(error: ErrorObject): string {
  const fragment = error.schemaPath.startsWith('#') ? error.schemaPath.slice(1) : error.schemaPath;
  return fragment
    .split('/')
    .map((token) => decodeURIComponent(token))
    .join('/');
}

/** The claim covering this error; the deepest (longest pointer) wins when claims nest. */
export function owningClaim(claims: ParsedClaim[], location: string, error: ErrorObject): ParsedClaim | undefined {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const schemaPath = schemaPathOf(error);
  return claims
    .filter((claim) => claim.location === location && claimCovers(claim, schemaPath, missing))
    .sort((a, b) => b.pointer.length - a.pointer.length)[0];
}

/**
 * Validators for every schema location of a spec (request body, each parameter, each response
 * body), compiled once; their failures come back named by requirement id.
 */
/** Compiling a spec's schemas takes ~100 ms; a loaded spec is read-only, so its validator is made once. */
const validators = new WeakMap<LoadedSpec, SchemaValidator>();

export function createSchemaValidator(spec: LoadedSpec): SchemaValidator {
  let validator = validators.get(spec);
  if (!validator) {
    validator = compileSchemaValidator(spec);
    validators.set(spec, validator);
  }
  return validator;
}

function compileSchemaValidator(spec: LoadedSpec): SchemaValidator {
  const ajv = specSchemaAjv();
  const claims = claimsOf(spec);
  const compiled = new Map<string, ValidateFunction>();
  for (const location of schemaLocations(spec)) compiled.set(location.name, ajv.compile(location.schema));
  return (location, value) => {
    const validate = compiled.get(location);
    if (!validate) throw new Error(`${spec.api}: no schema at ${location}`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      requirementId: owningClaim(claims, location, error)?.requirementId,
      location,
      instancePath: error.instancePath,
      schemaPath: schemaPathOf(error),
      message: `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
    }));
  };
}

export function violatedRequirementIds(violations: SchemaViolation[]): string[] {
  return [...new Set(violations.map((violation) => violation.requirementId ?? '(unclaimed)'))].sort();
}
