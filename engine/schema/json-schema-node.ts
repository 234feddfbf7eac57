/**
 * A JSON Schema (2020-12 / OpenAPI 3.1) node, the one type the engine and the generators read a
 * schema as: a plain object whose keywords are read through the small typed accessors below,
 * never cast ad hoc.
 */
export type JsonSchemaNode = Record<string, unknown>;

/** A subschema position may hold a node or a boolean schema (`true` accepts all, `false` none). */
export type JsonSchema = JsonSchemaNode | boolean;

export const JSON_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export function isSchemaNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isSchemaNode(value);
}

export function isJsonType(value: unknown): value is JsonType {
  return (JSON_TYPES as readonly unknown[]).includes(value);
}

/** A numeric keyword (`minLength`, `maximum`, …), or undefined when absent or not a number. */
export function numberKeyword(node: JsonSchemaNode, keyword: string): number | undefined {
  const value = node[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringKeyword(node: JsonSchemaNode, keyword: string): string | undefined {
  const value = node[keyword];
  return typeof value === 'string' ? value : undefined;
}

export function schemaKeyword(node: JsonSchemaNode, keyword: string): JsonSchema | undefined {
  const value = node[keyword];
  return isJsonSchema(value) ? value : undefined;
}

export function schemaListKeyword(node: JsonSchemaNode, keyword: string): JsonSchema[] | undefined {
  const value = node[keyword];
  return Array.isArray(value) ? value.filter(isJsonSchema) : undefined;
}

export function schemaMapKeyword(node: JsonSchemaNode, keyword: string): Record<string, JsonSchema> {
  const value = node[keyword];
  if (!isSchemaNode(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, JsonSchema] => isJsonSchema(entry[1])));
}

export function stringListKeyword(node: JsonSchemaNode, keyword: string): string[] {
  const value = node[keyword];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The `type` keyword as a list, or undefined when the node does not restrict types. */
export function declaredTypes(node: JsonSchemaNode): JsonType[] | undefined {
  const type = node.type;
  if (typeof type === 'string') return isJsonType(type) ? [type] : [];
  if (Array.isArray(type)) return type.filter(isJsonType);
  return undefined;
}

/** The allowed values of `enum` / `const`, or undefined when the node names none. */
export function enumeratedValues(node: JsonSchemaNode): unknown[] | undefined {
  if ('const' in node) return [node.const];
  return Array.isArray(node.enum) ? node.enum : undefined;
}

export function withoutKeywords(node: JsonSchemaNode, ...keywords: string[]): JsonSchemaNode {
  return Object.fromEntries(Object.entries(node).filter(([keyword]) => !keywords.includes(keyword)));
}

/** Keywords that only annotate: they never make a value invalid. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'discriminator',
  'xml',
  'externalDocs',
  'nullable',
]);

export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith('x-');
}

/** The keywords of a node that constrain values, in the node's own order. */
export function constraintKeywords(node: JsonSchemaNode): string[] {
  return Object.keys(node).filter((keyword) => !isAnnotation(keyword));
}
