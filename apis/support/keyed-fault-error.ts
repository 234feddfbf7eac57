import type { ErrorContext, MockResponse } from './api-responses.ts';
import { errorHeaders } from './response-headers.ts';

/** The fault names OpenStack's wsgi layer gives by status, shared by Nova and Trove; each adds or overrides its own. */
export const WSGI_FAULTS: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
};

/**
 * The OpenStack wsgi fault body Nova and Trove share: `{"<fault key>": {"message", "code"}}`,
 * the key chosen by status from the family's table, else its server fault for a 5xx, else badRequest.
 */
export function keyedFaultError(faultKeys: Record<number, string>, serverFault: string) {
  return (status: number, context: ErrorContext): MockResponse => ({
    status,
    headers: errorHeaders(context.requirementId),
    body: { [faultKeys[status] ?? (status >= 500 ? serverFault : 'badRequest')]: { message: context.message, code: status } },
  });
}
