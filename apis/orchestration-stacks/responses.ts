import { STATUS_CODES } from 'node:http';
import { resolvePointer } from '../../engine/request/json-pointer.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { ApiResponses, ErrorContext, MockResponse, SuccessContext } from '../support/api-responses.ts';
import { errorHeaders, JSON_HEADERS } from '../support/response-headers.ts';

/**
 * orchestration-stacks: 201 with the `stack` of the document's response example (id and a
 * `self` link under the stack's name); errors in Heat's body
 * `{explanation, code, error: {message, traceback, type}, title}`.
 */

/** webob's titles where they differ from Node's reason phrase. */
const TITLE_EXCEPTIONS: Record<number, string> = { 413: 'Request Entity Too Large' };

/** Heat's error types: the exception behind the status (a 400 on create is a failed validation). */
const HEAT_ERROR_TYPES: Record<number, string> = {
  400: 'StackValidationFailed',
  413: 'HTTPRequestEntityTooLarge',
};

/** webob's explanations, which Heat puts in `explanation`. */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  401: 'This server could not verify that you are authorized to access the document you requested.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  405: 'The method is not allowed for this resource.',
  409: 'There was a conflict when trying to complete your request.',
  413: 'The request is larger than the server is willing or able to process.',
  415: 'The request media type is not supported by this server.',
  500: 'The server has either erred or is incapable of performing the requested operation.',
  503: 'The server is currently unavailable. Please try again at a later time.',
};

function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** The stack's URL as the example gives it: /v1/{tenant_id}/stacks/{stack_name}/{id}. */
function stackUrl(request: RequestDocument, context: SuccessContext): string {
  const tenant = encodeURIComponent(textOr(request.path.tenant_id, ''));
  const name = encodeURIComponent(textOr(resolvePointer(request, '/body/stack_name'), ''));
  return `${context.baseUrl}/v1/${tenant}/stacks/${name}/${encodeURIComponent(context.id)}`;
}

function success(request: RequestDocument, context: SuccessContext): MockResponse {
  return {
    status: 201,
    headers: { ...JSON_HEADERS },
    body: { stack: { id: context.id, links: [{ href: stackUrl(request, context), rel: 'self' }] } },
  };
}

function titleOf(status: number): string {
  return TITLE_EXCEPTIONS[status] ?? STATUS_CODES[status] ?? 'Error';
}

function heatErrorType(status: number): string {
  return HEAT_ERROR_TYPES[status] ?? `HTTP${titleOf(status).replace(/[^A-Za-z]/g, '')}`;
}

function explanationOf(status: number): string {
  return EXPLANATIONS[status] ?? `The server answered ${status} ${titleOf(status)}.`;
}

function error(status: number, context: ErrorContext): MockResponse {
  return {
    status,
    headers: errorHeaders(context.requirementId),
    body: {
      explanation: explanationOf(status),
      code: status,
      error: { message: context.message, traceback: null, type: heatErrorType(status) },
      title: titleOf(status),
    },
  };
}

export const responses: ApiResponses = { success, error };
