import fc from 'fast-check';
import { jsonScalar } from './arbitraries/json-scalar.ts';
import { UnsatisfiableSchemaError } from '../engine/errors.ts';
import { arraySchemaValue } from './schema/array-schema-value.ts';
import { branchSchemaValue } from './schema/branch-schema-value.ts';
import { enumSchemaValue } from './schema/enum-schema-value.ts';
import { DEFAULT_MAX_ARRAY_ITEMS, DEFAULT_MAX_STRING_LENGTH, type GenerationContext, type ValueOptions } from './schema/generation-context.ts';
import {
  constraintKeywords,
  declaredTypes,
  enumeratedValues,
  isSchemaNode,
  schemaListKeyword,
  type JsonSchema,
  type JsonSchemaNode,
  type JsonType,
} from '../engine/schema/json-schema-node.ts';
import { integerSchemaValue, numberSchemaValue } from './schema/number-schema-value.ts';
import { objectSchemaValue } from './schema/object-schema-value.ts';
import { flattenAllOf } from './schema/schema-merge.ts';
import { isValidAgainst } from './schema/schema-validator.ts';
import { stringSchemaValue } from './schema/string-schema-value.ts';

export type { ValueOptions } from './schema/generation-context.ts';

/** Keywords the builders satisfy by construction; any other constraint makes values pass through ajv first. */
const CONSTRUCTED = new Set([
  'type',
  'enum',
  'const',
  'allOf',
  'anyOf',
  'oneOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'patternProperties',
]);

const TYPE_FAMILIES: [JsonType, string[]][] = [
  ['string', ['minLength', 'maxLength', 'pattern', 'format']],
  ['number', ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']],
  ['array', ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains']],
  ['object', ['properties', 'required', 'additionalProperties', 'propertyNames', 'patternProperties', 'minProperties', 'maxProperties']],
];

/** Without `type`, the types whose keywords the node uses (a bare `{minLength: 1}` makes strings). */
function impliedTypes(node: JsonSchemaNode): JsonType[] {
  return TYPE_FAMILIES.filter(([, keywords]) => keywords.some((keyword) => keyword in node)).map(([type]) => type);
}

/** A node no value satisfies: no type left, an empty enum, `not: {}`. */
function isUnsatisfiable(node: JsonSchemaNode): boolean {
  const not = node.not;
  const rejectsAll = not === true || (isSchemaNode(not) && constraintKeywords(not).length === 0);
  return declaredTypes(node)?.length === 0 || enumeratedValues(node)?.length === 0 || rejectsAll;
}

function typedValue(type: JsonType, node: JsonSchemaNode, context: GenerationContext): fc.Arbitrary<unknown> | undefined {
  switch (type) {
    case 'string':
      return stringSchemaValue(node, context);
    case 'integer':
      return integerSchemaValue(node);
    case 'number':
      return numberSchemaValue(node);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arraySchemaValue(node, context);
    case 'object':
      return objectSchemaValue(node, context);
  }
}

/** Values built from the node's keywords: enum first, then composition, then per type. */
function builtValue(node: JsonSchemaNode, whole: JsonSchema, context: GenerationContext): fc.Arbitrary<unknown> | undefined {
  if (enumeratedValues(node)) return enumSchemaValue(node, whole);
  if (schemaListKeyword(node, 'anyOf')) return branchSchemaValue(node, 'anyOf', context);
  if (schemaListKeyword(node, 'oneOf')) return branchSchemaValue(node, 'oneOf', context);
  const types = declaredTypes(node) ?? impliedTypes(node);
  if (types.length === 0) return jsonScalar();
  const choices = types.map((type) => typedValue(type, node, context)).filter((choice) => choice !== undefined);
  return choices.length ? fc.oneof(...choices) : undefined;
}

function arbitraryFor(schema: JsonSchema, context: GenerationContext): fc.Arbitrary<unknown> | undefined {
  if (schema === true) return jsonScalar();
  if (schema === false) return undefined;
  const { node, exact } = flattenAllOf(schema);
  if (isUnsatisfiable(node)) return undefined;
  const built = builtValue(node, schema, context);
  if (!built) return undefined;
  const byConstruction = exact && constraintKeywords(node).every((keyword) => CONSTRUCTED.has(keyword));
  return byConstruction ? built : built.filter((value) => isValidAgainst(schema, value));
}

function generationContext(options: ValueOptions): GenerationContext {
  const context: GenerationContext = {
    maxArrayItems: options.maxArrayItems ?? DEFAULT_MAX_ARRAY_ITEMS,
    maxStringLength: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    valuesOf: (schema) => arbitraryFor(schema, context),
  };
  return context;
}

/**
 * Values valid against a JSON Schema node (2020-12, as the suite's ajv judges them): types and
 * type lists, enum/const, lengths in code points, pattern, formats, numeric bounds, anyOf/oneOf
 * (the parent's constraints merged into the chosen branch), allOf, objects and arrays.
 * Throws UnsatisfiableSchemaError when no value can satisfy the node.
 */
export function valueFor(schema: JsonSchema, options: ValueOptions = {}): fc.Arbitrary<unknown> {
  const values = arbitraryFor(schema, generationContext(options));
  if (!values) throw new UnsatisfiableSchemaError(schema);
  return values;
}
