/** A request body schema as far as the resource object goes: its members and which are required. */
export type ResourceSchema = { type?: unknown; properties?: Record<string, ResourceSchema>; required?: string[] };

/** The object the fields live in: the body's one required object property (healthmonitor, server, ha), else the body. */
export function resourceObject(schema: ResourceSchema): { pointer: string[]; schema: ResourceSchema } {
  const required = schema.required ?? [];
  const only = required.length === 1 ? schema.properties?.[required[0] ?? ''] : undefined;
  if (only && only.type === 'object' && only.properties) return { pointer: ['body', required[0] ?? ''], schema: only };
  return { pointer: ['body'], schema };
}
