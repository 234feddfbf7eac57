import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';
import type { GenerationContext } from './generation-context.ts';
import { numberKeyword, schemaKeyword, schemaListKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';

interface ItemCount {
  min: number;
  max: number;
}

function itemCount(node: JsonSchemaNode, context: GenerationContext): ItemCount {
  const min = numberKeyword(node, 'minItems') ?? 0;
  const declaredMax = numberKeyword(node, 'maxItems') ?? Infinity;
  return { min, max: Math.min(declaredMax, Math.max(min, context.maxArrayItems)) };
}

/** Arrays of `prefixItems` (a tuple head) then `items`: built item by item, for a chosen length. */
function tupleArray(
  prefix: (fc.Arbitrary<unknown> | undefined)[],
  rest: fc.Arbitrary<unknown> | undefined,
  count: ItemCount,
  unique: boolean,
): fc.Arbitrary<unknown[]> | undefined {
  const firstImpossible = prefix.findIndex((item) => item === undefined);
  const reachable = firstImpossible !== -1 ? firstImpossible : rest ? Infinity : prefix.length;
  const max = Math.min(count.max, reachable);
  if (count.min > max) return undefined;
  const items = fc
    .integer({ min: count.min, max })
    .chain((length) => fc.tuple(...Array.from({ length }, (_, index) => (index < prefix.length ? prefix[index] : rest) ?? fc.constant(null))));
  return unique ? items.filter((values) => new Set(values.map(canonicalJson)).size === values.length) : items;
}

/** Arrays of an `type: array` node: items valid, minItems..maxItems (capped), unique when uniqueItems asks. */
export function arraySchemaValue(node: JsonSchemaNode, context: GenerationContext): fc.Arbitrary<unknown[]> | undefined {
  const count = itemCount(node, context);
  if (count.min > count.max) return undefined;
  const itemSchema = schemaKeyword(node, 'items') ?? true;
  const item = context.valuesOf(itemSchema);
  const unique = node.uniqueItems === true;
  const prefix = schemaListKeyword(node, 'prefixItems');
  if (prefix?.length)
    return tupleArray(
      prefix.map((schema) => context.valuesOf(schema)),
      item,
      count,
      unique,
    );
  if (!item) return count.min === 0 ? fc.constant([]) : undefined;
  const lengths = { minLength: count.min, maxLength: count.max };
  return unique ? fc.uniqueArray(item, { ...lengths, selector: canonicalJson }) : fc.array(item, lengths);
}
