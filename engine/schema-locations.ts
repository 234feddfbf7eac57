import type { LoadedSpec } from './spec-loader.ts';

/** A schema the suite validates: the request body, one parameter, or one response's JSON body. */
export interface SchemaLocation {
  /** `request-body`, `parameter:<name>` or `response:<status>`: the part before `#` in a claim. */
  name: string;
  schema: Record<string, unknown>;
}

type ParameterObject = { name: string; in: string; schema?: Record<string, unknown> };
type MediaTypes = Record<string, { schema?: Record<string, unknown> } | undefined>;

function jsonMediaSchema(content: MediaTypes | undefined): Record<string, unknown> | undefined {
  return content?.['application/json']?.schema;
}

export function requestBodySchema(spec: LoadedSpec): Record<string, unknown> | undefined {
  const body = spec.operation.requestBody as { content?: MediaTypes } | undefined;
  return jsonMediaSchema(body?.content);
}

export function parameters(spec: LoadedSpec): ParameterObject[] {
  return (spec.operation.parameters ?? []) as ParameterObject[];
}

export function responseSchema(spec: LoadedSpec, status: string): Record<string, unknown> | undefined {
  const response = (spec.operation.responses ?? {})[status] as { content?: MediaTypes } | undefined;
  return jsonMediaSchema(response?.content);
}

/** Every schema of the operation, by location name. */
export function schemaLocations(spec: LoadedSpec): SchemaLocation[] {
  const locations: SchemaLocation[] = [];
  const body = requestBodySchema(spec);
  if (body) locations.push({ name: 'request-body', schema: body });
  for (const parameter of parameters(spec)) {
    if (parameter.schema) locations.push({ name: `parameter:${parameter.name}`, schema: parameter.schema });
  }
  for (const status of Object.keys(spec.operation.responses ?? {})) {
    const schema = responseSchema(spec, status);
    if (schema) locations.push({ name: `response:${status}`, schema });
  }
  return locations;
}

export function isRequestLocation(name: string): boolean {
  return name === 'request-body' || name.startsWith('parameter:');
}
