import { isSchemaNode, schemaMapKeyword, stringListKeyword, type JsonSchemaNode } from '../engine/schema/json-schema-node.ts';

/** The object the fields live in: the body's one required object property (healthmonitor, server, ha), else the body. */
export function resourceObject(schema: JsonSchemaNode): { pointer: string[]; schema: JsonSchemaNode } {
  const required = stringListKeyword(schema, 'required');
  const only = required.length === 1 ? schemaMapKeyword(schema, 'properties')[required[0] ?? ''] : undefined;
  if (isSchemaNode(only) && only.type === 'object' && isSchemaNode(only.properties)) return { pointer: ['body', required[0] ?? ''], schema: only };
  return { pointer: ['body'], schema };
}
