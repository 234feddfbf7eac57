import fc from 'fast-check';
import { jsonScalar } from '../arbitraries/json-scalar.ts';
import { patternRegExp, patternText } from '../arbitraries/pattern-text.ts';
import { unicodeText } from '../arbitraries/unicode-text.ts';
import type { GenerationContext } from './generation-context.ts';
import { schemaKeyword, schemaMapKeyword, stringListKeyword, type JsonSchema, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from './schema-validator.ts';

type Entry = [string, unknown];

/** The parts of an object node that decide which keys may appear and what their values are. */
interface ObjectShape {
  properties: Record<string, JsonSchema>;
  required: string[];
  patterns: Record<string, JsonSchema>;
  additional: JsonSchema | undefined;
  names: JsonSchema | undefined;
}

function objectShape(node: JsonSchemaNode): ObjectShape {
  return {
    properties: schemaMapKeyword(node, 'properties'),
    required: stringListKeyword(node, 'required'),
    patterns: schemaMapKeyword(node, 'patternProperties'),
    additional: schemaKeyword(node, 'additionalProperties'),
    names: schemaKeyword(node, 'propertyNames'),
  };
}

function matchingPatterns(shape: ObjectShape, key: string): string[] {
  return Object.keys(shape.patterns).filter((pattern) => patternRegExp(pattern).test(key));
}

function isNameAllowed(shape: ObjectShape, key: string): boolean {
  return shape.names === undefined || isValidAgainst(shape.names, key);
}

/** The schema a key's value must satisfy: its property, the patterns it matches, else additionalProperties. */
function valueSchemaOf(shape: ObjectShape, key: string): JsonSchema {
  const applying = [
    ...(key in shape.properties ? [shape.properties[key] ?? true] : []),
    ...matchingPatterns(shape, key).map((pattern) => shape.patterns[pattern] ?? true),
  ];
  if (applying.length === 0) return shape.additional ?? true;
  return applying.length === 1 ? (applying[0] ?? true) : { allOf: applying };
}

/** Arbitraries for the declared and required keys; undefined when a required key cannot be given a value. */
function declaredModel(shape: ObjectShape, context: GenerationContext): Record<string, fc.Arbitrary<unknown>> | undefined {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const keys = [...new Set([...Object.keys(shape.properties), ...shape.required])];
  for (const key of keys) {
    const value = isNameAllowed(shape, key) ? context.valuesOf(valueSchemaOf(shape, key)) : undefined;
    if (value) model[key] = value;
    else if (shape.required.includes(key)) return undefined;
  }
  return model;
}

/** Key names for extra properties: the propertyNames schema as a string schema, else short Unicode text. */
function extraKeyNames(shape: ObjectShape, context: GenerationContext): fc.Arbitrary<string> | undefined {
  if (shape.names === undefined) return unicodeText({ min: 1, max: 16, maxIsDeclared: false });
  const names = context.valuesOf({ allOf: [{ type: 'string' }, shape.names] });
  return names?.filter((name): name is string => typeof name === 'string');
}

function isExtraKey(shape: ObjectShape, key: string): boolean {
  return !(key in shape.properties) && matchingPatterns(shape, key).length === 0;
}

/** Extra keys valid for additionalProperties: only when it is a schema, or when the object declares nothing at all. */
function additionalEntries(shape: ObjectShape, context: GenerationContext): fc.Arbitrary<Entry[]> {
  const declaresNothing = Object.keys(shape.properties).length === 0 && Object.keys(shape.patterns).length === 0 && shape.additional === undefined;
  const valueSchema = typeof shape.additional === 'object' ? shape.additional : undefined;
  const keys = extraKeyNames(shape, context)?.filter((key) => isExtraKey(shape, key));
  const values = valueSchema ? context.valuesOf(valueSchema) : declaresNothing ? jsonScalar() : undefined;
  if (!keys || !values) return fc.constant([]);
  return fc.uniqueArray(fc.tuple(keys, values), { maxLength: context.maxArrayItems, selector: ([key]) => key });
}

/** Keys matching one patternProperties pattern (and no declared property, no other pattern), with valid values. */
function patternEntries(shape: ObjectShape, context: GenerationContext): fc.Arbitrary<Entry[]> {
  const perPattern = Object.entries(shape.patterns).map(([pattern, schema]) => {
    const keys = patternText(pattern, 1, 32).filter(
      (key) => !(key in shape.properties) && matchingPatterns(shape, key).length === 1 && isNameAllowed(shape, key),
    );
    const values = context.valuesOf(schema);
    return values ? fc.uniqueArray(fc.tuple(keys, values), { maxLength: 2, selector: ([key]) => key }) : fc.constant<Entry[]>([]);
  });
  return fc.tuple(...perPattern).map((lists) => lists.flat());
}

/**
 * Objects of a `type: object` node: required properties always, optional ones present or absent,
 * patternProperties keys, and extra keys when additionalProperties is a schema (none when false),
 * every key within propertyNames.
 */
export function objectSchemaValue(node: JsonSchemaNode, context: GenerationContext): fc.Arbitrary<Record<string, unknown>> | undefined {
  const shape = objectShape(node);
  const model = declaredModel(shape, context);
  if (!model) return undefined;
  const declared = fc.record(model, { requiredKeys: shape.required.filter((key) => key in model) });
  return fc
    .tuple(declared, patternEntries(shape, context), additionalEntries(shape, context))
    .map(([object, patterned, additional]) => Object.fromEntries([...Object.entries(object), ...patterned, ...additional]));
}
