import type { ErrorObject, ValidateFunction } from 'ajv';
import { specSchemaAjv } from '../../engine/schema/ajv-instance.ts';
import { canonicalJson } from './canonical-json.ts';
import type { JsonSchema } from '../../engine/schema/json-schema-node.ts';

/**
 * The suite's own ajv (same formats, same options as every check), one compiled validator per
 * distinct schema. The generators use it where construction alone cannot promise validity:
 * enum members, `oneOf` exclusivity, keywords they do not construct, and the invalid-value
 * lists' "breaks this keyword" guarantee.
 */
const compiled = new Map<string, ValidateFunction>();

export function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = canonicalJson(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = specSchemaAjv().compile(typeof schema === 'boolean' ? schema : structuredClone(schema));
    compiled.set(key, validate);
  }
  return validate;
}

export function isValidAgainst(schema: JsonSchema, value: unknown): boolean {
  return validatorFor(schema)(value) === true;
}

/** Every error ajv reports for the value (allErrors is on); empty when valid. */
export function validationErrors(schema: JsonSchema, value: unknown): ErrorObject[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Whether an error comes from a keyword of the root node (or a subschema below that keyword). */
export function isUnderKeyword(error: ErrorObject, keyword: string): boolean {
  const root = `#/${keyword}`;
  return error.schemaPath === root || error.schemaPath.startsWith(`${root}/`);
}
