import { parsePointer } from '../../engine/request/json-pointer.ts';
import type { ApiResponses, ErrorContext, MockResponse } from '../support/api-responses.ts';
import { errorHeaders } from '../support/response-headers.ts';

/**
 * cloudbasic-cluster: 200 with no body ("Response Parameters: None"); errors in the Error
 * Response Syntax `{"errors": ["{Field}:Invalid value for Field"], "requestId": N}`, the field
 * named in the table's PascalCase (erratum-field-name-case), the braces kept as printed
 * (erratum-error-field-braces).
 */

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** What an error names when the fault is in no body field: the credentials, or the body as a whole. */
function fieldWithoutPointer(status: number): string {
  return status === 401 || status === 403 ? 'Authorization' : 'Body';
}

/** /body/port → Port, /body/remoteServer → RemoteServer, /header/authorization → Authorization. */
function fieldNameAt(pointer: string | undefined, status: number): string {
  if (pointer === undefined) return fieldWithoutPointer(status);
  const [where, field] = pointer.startsWith('/') ? parsePointer(pointer) : [pointer];
  const name = pascalCase(field ?? where ?? '');
  return name === '' ? fieldWithoutPointer(status) : name;
}

function invalidValueEntry(field: string): string {
  return `{${field}}:Invalid value for ${field}`;
}

function success(): MockResponse {
  return { status: 200, headers: {} };
}

/** The documented body has no message slot: the requirement travels in x-conformance-requirement. */
function error(status: number, context: ErrorContext): MockResponse {
  return {
    status,
    headers: errorHeaders(context.requirementId),
    body: { errors: [invalidValueEntry(fieldNameAt(context.pointer, status))], requestId: context.sequence },
  };
}

export const responses: ApiResponses = { success, error };
