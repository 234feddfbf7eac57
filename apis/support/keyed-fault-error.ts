import type { ErrorContext, MockResponse } from './api-responses.ts';
import { errorHeaders } from './response-headers.ts';

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
