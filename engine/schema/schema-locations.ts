import type { LoadedSpec } from '../spec/spec-loader.ts';
import type { RequestDocument } from '../request/request-document.ts';
import { formatPointer } from '../request/json-pointer.ts';
import type { JsonSchemaNode } from './json-schema-node.ts';

/** A schema the suite validates: the request body, one parameter, or one response's JSON body. */
export interface SchemaLocation {
  /** `request-body`, `parameter:<name>` or `response:<status>`: the part before `#` in a claim. */
  name: string;
  schema: JsonSchemaNode;
}

type ParameterObject = { name: string; in: string; schema?: JsonSchemaNode };
type MediaTypes = Record<string, { schema?: JsonSchemaNode } | undefined>;

function jsonMediaSchema(content: MediaTypes | undefined): JsonSchemaNode | undefined {
  return content?.['application/json']?.schema;
}

export function requestBodySchema(spec: LoadedSpec): JsonSchemaNode | undefined {
  const body = spec.operation.requestBody as { content?: MediaTypes } | undefined;
  return jsonMediaSchema(body?.content);
}

export function parameters(spec: LoadedSpec): ParameterObject[] {
  return (spec.operation.parameters ?? []) as ParameterObject[];
}

export function responseSchema(spec: LoadedSpec, status: string): JsonSchemaNode | undefined {
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

/**
 * A part of a request a schema validates: the body, or the value of one path or header
 * parameter. The request document keeps path values under their names and header values under
 * their names in lower case.
 */
export interface RequestPart {
  in: 'body' | 'path' | 'header';
  /** The parameter's name as the spec writes it (none for the body). */
  name?: string;
  /** Its schema location: `request-body` or `parameter:<name>`. */
  location: string;
  /** Where it sits in the request document: `/body`, `/path/<name>`, `/header/<name in lower case>`. */
  pointer: string;
  value: unknown;
}

type SentParameter = { parameter: ParameterObject & { in: 'path' | 'header' }; location: string; pointer: string };

/** A loaded spec is read-only: its sent parameters are listed once (every request judged walks them). */
const sentParametersOf = new WeakMap<LoadedSpec, SentParameter[]>();

/** The parameters the suite sends (path and header; no spec has a query or cookie parameter), each with its schema location and pointer. */
function sentParameters(spec: LoadedSpec): SentParameter[] {
  let sent = sentParametersOf.get(spec);
  if (!sent) {
    sent = listSentParameters(spec);
    sentParametersOf.set(spec, sent);
  }
  return sent;
}

function listSentParameters(spec: LoadedSpec): SentParameter[] {
  return parameters(spec)
    .filter((parameter): parameter is ParameterObject & { in: 'path' | 'header' } => parameter.in === 'path' || parameter.in === 'header')
    .map((parameter) => ({
      parameter,
      location: `parameter:${parameter.name}`,
      pointer: formatPointer([parameter.in, parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name]),
    }));
}

/** Where a request location's value sits in the request document (`/body`, `/path/<name>`, `/header/<name>`); undefined for a response or a parameter the suite does not send. */
export function requestPartPointer(spec: LoadedSpec, location: string): string | undefined {
  if (location === 'request-body') return '/body';
  return sentParameters(spec).find((sent) => sent.location === location)?.pointer;
}

/** The body of a request as a part to validate (present or not: a missing body breaks the schema too). */
export function bodyPart(request: RequestDocument): RequestPart {
  return { in: 'body', location: 'request-body', pointer: '/body', value: request.body };
}

/** Each path and header parameter the request carries that has a schema, in the spec's order. */
export function parameterParts(spec: LoadedSpec, request: RequestDocument): RequestPart[] {
  return sentParameters(spec).flatMap(({ parameter, location, pointer }): RequestPart[] => {
    const value = parameter.in === 'header' ? request.header?.[parameter.name.toLowerCase()] : request.path?.[parameter.name];
    return value === undefined || !parameter.schema ? [] : [{ in: parameter.in, name: parameter.name, location, pointer, value }];
  });
}

/** The walk over a request's schemas: its body, then each parameter it carries. */
export function requestParts(spec: LoadedSpec, request: RequestDocument): RequestPart[] {
  return [bodyPart(request), ...parameterParts(spec, request)];
}
