import { jsonEqual } from './canonical-json.ts';
import {
  declaredTypes,
  isAnnotation,
  isSchemaNode,
  schemaListKeyword,
  schemaMapKeyword,
  type JsonSchemaNode,
  type JsonType,
} from '../../engine/schema/json-schema-node.ts';

/**
 * The conjunction of two schemas as one node the generators can build from. `exact` is false
 * when some pair of keywords could not be combined (two different patterns, two `anyOf`s…):
 * the node then keeps only the first, and values built from it must still be checked against
 * the original schemas.
 */
export interface MergedSchema {
  node: JsonSchemaNode;
  exact: boolean;
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'propertyNames', 'contains', 'not'];

type KeywordMerge = (left: unknown, right: unknown) => { value: unknown; exact: boolean };

function intersectTypes(left: JsonType[], right: JsonType[]): JsonType[] {
  const result = new Set<JsonType>();
  for (const type of left) {
    if (right.includes(type)) result.add(type);
    else if (type === 'integer' && right.includes('number')) result.add('integer');
    else if (type === 'number' && right.includes('integer')) result.add('integer');
  }
  return [...result];
}

const mergeType: KeywordMerge = (left, right) => {
  const types = intersectTypes(declaredTypes({ type: left }) ?? [], declaredTypes({ type: right }) ?? []);
  return { value: types.length === 1 ? types[0] : types, exact: true };
};

const mergeEnum: KeywordMerge = (left, right) => {
  const members = Array.isArray(left) && Array.isArray(right) ? left.filter((member) => right.some((other) => jsonEqual(member, other))) : [];
  return { value: members, exact: true };
};

const mergeRequired: KeywordMerge = (left, right) => ({
  value: [...new Set([...(Array.isArray(left) ? left : []), ...(Array.isArray(right) ? right : [])])],
  exact: true,
});

function mergeSubschema(left: unknown, right: unknown): { value: unknown; exact: boolean } {
  if (left === true || left === undefined) return { value: right, exact: true };
  if (right === true || right === undefined) return { value: left, exact: true };
  if (left === false || right === false) return { value: false, exact: true };
  if (isSchemaNode(left) && isSchemaNode(right)) {
    const merged = mergeSchemas(left, right);
    return { value: merged.node, exact: merged.exact };
  }
  return { value: left, exact: false };
}

const mergeProperties: KeywordMerge = (left, right) => {
  const leftMap = schemaMapKeyword({ properties: left }, 'properties');
  const rightMap = schemaMapKeyword({ properties: right }, 'properties');
  let exact = true;
  const merged: Record<string, unknown> = { ...leftMap };
  for (const [name, schema] of Object.entries(rightMap)) {
    const result = mergeSubschema(merged[name], schema);
    merged[name] = result.value;
    exact &&= result.exact;
  }
  return { value: merged, exact };
};

const mergeAllOf: KeywordMerge = (left, right) => ({
  value: [...(schemaListKeyword({ allOf: left }, 'allOf') ?? []), ...(schemaListKeyword({ allOf: right }, 'allOf') ?? [])],
  exact: true,
});

function keywordMerge(keyword: string): KeywordMerge | undefined {
  if (keyword === 'type') return mergeType;
  if (keyword === 'enum') return mergeEnum;
  if (keyword === 'required') return mergeRequired;
  if (keyword === 'properties') return mergeProperties;
  if (keyword === 'allOf') return mergeAllOf;
  if (keyword === 'uniqueItems') return (left, right) => ({ value: left === true || right === true, exact: true });
  if (LOWER_BOUNDS.includes(keyword)) return (left, right) => ({ value: Math.max(Number(left), Number(right)), exact: true });
  if (UPPER_BOUNDS.includes(keyword)) return (left, right) => ({ value: Math.min(Number(left), Number(right)), exact: true });
  if (SUBSCHEMAS.includes(keyword) && keyword !== 'not') return mergeSubschema;
  return undefined;
}

/** `enum` and `const` merge as one list of allowed values. */
function withConstAsEnum(node: JsonSchemaNode): JsonSchemaNode {
  if (!('const' in node)) return node;
  const { const: constant, ...rest } = node;
  const allowed = Array.isArray(rest.enum) ? rest.enum.filter((member) => jsonEqual(member, constant)) : [constant];
  return { ...rest, enum: allowed };
}

/** `additionalProperties` of one side also judges the other side's extra properties: only exact when one side has none. */
function objectShapesCombine(left: JsonSchemaNode, right: JsonSchemaNode): boolean {
  const constrainsExtras = (node: JsonSchemaNode) => 'additionalProperties' in node || 'patternProperties' in node;
  const declares = (node: JsonSchemaNode) => 'properties' in node || 'patternProperties' in node;
  return !(constrainsExtras(left) && declares(right)) && !(constrainsExtras(right) && declares(left));
}

export function mergeSchemas(left: JsonSchemaNode, right: JsonSchemaNode): MergedSchema {
  const a = withConstAsEnum(left);
  const b = withConstAsEnum(right);
  const node: JsonSchemaNode = { ...a };
  let exact = objectShapesCombine(a, b);
  for (const [keyword, value] of Object.entries(b)) {
    if (!(keyword in node)) {
      node[keyword] = value;
      continue;
    }
    if (isAnnotation(keyword) || jsonEqual(node[keyword], value)) continue;
    const merge = keywordMerge(keyword);
    if (!merge) {
      exact = false;
      continue;
    }
    const result = merge(node[keyword], value);
    node[keyword] = result.value;
    exact &&= result.exact;
  }
  return { node, exact };
}

/** A schema with its `allOf` folded in: the node the generators build from. */
export function flattenAllOf(schema: JsonSchemaNode): MergedSchema {
  const members = schemaListKeyword(schema, 'allOf');
  if (!members) return { node: schema, exact: true };
  let merged: MergedSchema = { node: withoutAllOf(schema), exact: true };
  for (const member of members) {
    if (member === true) continue;
    const flat: MergedSchema = member === false ? { node: { not: {} }, exact: true } : flattenAllOf(member);
    const next = mergeSchemas(merged.node, flat.node);
    merged = { node: next.node, exact: merged.exact && flat.exact && next.exact };
  }
  return merged;
}

function withoutAllOf(schema: JsonSchemaNode): JsonSchemaNode {
  const { allOf: _allOf, ...rest } = schema;
  return rest;
}
