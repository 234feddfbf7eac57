import fc from 'fast-check';
import { enumeratedValues, type JsonSchema, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from './schema-validator.ts';

/** One of the node's `enum`/`const` values, among those the whole schema accepts (type, length…). */
export function enumSchemaValue(node: JsonSchemaNode, whole: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const members = (enumeratedValues(node) ?? []).filter((member) => isValidAgainst(whole, member));
  return members.length ? fc.constantFrom(...members) : undefined;
}
