import { isSchemaNode, type JsonSchema, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';

/**
 * The same schema narrowed to its smallest instances: objects carry only their required
 * properties, arrays at most one item (or their minimum). Values drawn from it are what a
 * boundary case fills in around the field it tests, so that nothing else in the request can
 * be the reason a server refuses it.
 */
export function minimalSchema(schema: JsonSchema): JsonSchema {
  if (!isSchemaNode(schema)) return schema;
  let minimal = minimals.get(schema);
  if (!minimal) {
    minimal = narrowed(schema);
    minimals.set(schema, minimal);
  }
  return minimal;
}

/** One narrowed schema per node (nodes are read-only), so what is remembered of it (its examples) is found again. */
const minimals = new WeakMap<JsonSchemaNode, JsonSchema>();

function narrowed(schema: JsonSchemaNode): JsonSchema {
  const node: JsonSchemaNode = { ...schema };
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(node[keyword])) node[keyword] = (node[keyword] as JsonSchema[]).map(minimalSchema);
  }
  if (isSchemaNode(node.items)) node.items = minimalSchema(node.items);
  if (typeof node.minItems !== 'number' || node.minItems < 1) node.maxItems = Math.min(Number(node.maxItems ?? 1), 1);
  if (isSchemaNode(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    node.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, JsonSchema>)
        .filter(([name]) => required.has(name))
        .map(([name, property]) => [name, minimalSchema(property)]),
    );
    node.additionalProperties = false;
  }
  return node;
}
