import fc from 'fast-check';
import type { GenerationContext } from './generation-context.ts';
import { schemaListKeyword, withoutKeywords, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from './schema-validator.ts';

/**
 * Values of an `anyOf`/`oneOf` node: one branch chosen, with the parent's own constraints
 * merged into it (`{type: string, anyOf: [{format: uuid}, {pattern}]}` gives uuid strings and
 * pattern strings); for `oneOf`, values that also satisfy another branch are left out.
 */
export function branchSchemaValue(node: JsonSchemaNode, keyword: 'anyOf' | 'oneOf', context: GenerationContext): fc.Arbitrary<unknown> | undefined {
  const branches = schemaListKeyword(node, keyword) ?? [];
  const parent = withoutKeywords(node, keyword);
  const choices = branches.flatMap((branch, index) => {
    const values = context.valuesOf({ allOf: [parent, branch] });
    if (!values) return [];
    if (keyword === 'anyOf') return [values];
    const others = branches.filter((_, other) => other !== index);
    return [values.filter((value) => others.every((other) => !isValidAgainst(other, value)))];
  });
  return choices.length ? fc.oneof(...choices) : undefined;
}
