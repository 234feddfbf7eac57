import { STATUS_CODES } from 'node:http';
import { resolvePointer } from '../../engine/request/json-pointer.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { ApiResponses, ErrorContext, MockResponse, SuccessContext } from '../support/api-responses.ts';
import { errorHeaders, JSON_HEADERS } from '../support/response-headers.ts';

/**
 * lbaas-healthmonitors: 201 with the health monitor as the document's response example shows
 * it, built from the request; errors in the Neutron family's `NeutronError` body.
 */

/** The defaults the document says http_method, url_path, expected_codes and admin_state_up get (values: Neutron's). */
const DEFAULTS = { http_method: 'GET', url_path: '/', expected_codes: '200', admin_state_up: true } as const;

/** webob's exception names, which Neutron puts in `type`; they follow the reason phrase but for 413. */
const ERROR_TYPE_EXCEPTIONS: Record<number, string> = { 413: 'HTTPRequestEntityTooLarge' };

function monitorField(request: RequestDocument, field: string): unknown {
  return resolvePointer(request, `/body/healthmonitor/${field}`);
}

function textField(request: RequestDocument, field: string): string | undefined {
  const value = monitorField(request, field);
  return typeof value === 'string' ? value : undefined;
}

/** The schema's integer, also from a numeric string the document's example sends (delay "1"). */
function integerField(request: RequestDocument, field: string): number | undefined {
  const value = monitorField(request, field);
  const number = typeof value === 'string' && /^\s*-?[0-9]+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function booleanField(request: RequestDocument, field: string): boolean | undefined {
  const value = monitorField(request, field);
  return typeof value === 'boolean' ? value : undefined;
}

/** Leaves out the fields the request did not give and that have no default (tenant_id when omitted). */
function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function healthMonitorOf(request: RequestDocument, id: string): Record<string, unknown> {
  const poolId = textField(request, 'pool_id');
  return withoutUndefined({
    admin_state_up: booleanField(request, 'admin_state_up') ?? DEFAULTS.admin_state_up,
    delay: integerField(request, 'delay'),
    expected_codes: textField(request, 'expected_codes') ?? DEFAULTS.expected_codes,
    http_method: textField(request, 'http_method') ?? DEFAULTS.http_method,
    id,
    max_retries: integerField(request, 'max_retries'),
    pools: poolId === undefined ? [] : [{ id: poolId }],
    tenant_id: textField(request, 'tenant_id'),
    timeout: integerField(request, 'timeout'),
    type: textField(request, 'type'),
    url_path: textField(request, 'url_path') ?? DEFAULTS.url_path,
  });
}

function success(request: RequestDocument, context: SuccessContext): MockResponse {
  return { status: 201, headers: { ...JSON_HEADERS }, body: { healthmonitor: healthMonitorOf(request, context.id) } };
}

function neutronErrorType(status: number): string {
  const reason = STATUS_CODES[status] ?? 'Error';
  return ERROR_TYPE_EXCEPTIONS[status] ?? `HTTP${reason.replace(/[^A-Za-z]/g, '')}`;
}

function error(status: number, context: ErrorContext): MockResponse {
  return {
    status,
    headers: errorHeaders(context.requirementId),
    body: { NeutronError: { type: neutronErrorType(status), message: context.message, detail: '' } },
  };
}

export const responses: ApiResponses = { success, error };
