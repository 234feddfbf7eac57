import { isUnderKeyword, isValidAgainst, validationErrors } from '../schema/schema-validator.ts';
import type { JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';

/** Whether ajv rejects the value on that keyword of the node (or a subschema under it). */
export function breaksKeyword(node: JsonSchemaNode, keyword: string, value: unknown): boolean {
  return validationErrors(node, value).some((error) => isUnderKeyword(error, keyword));
}

/** Whether ajv rejects the value on that keyword and on no other. */
export function breaksOnlyKeyword(node: JsonSchemaNode, keyword: string, value: unknown): boolean {
  const errors = validationErrors(node, value);
  return errors.length > 0 && errors.every((error) => isUnderKeyword(error, keyword));
}

export function satisfies(node: JsonSchemaNode, value: unknown): boolean {
  return isValidAgainst(node, value);
}
