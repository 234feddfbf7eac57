import { createHash } from 'node:crypto';
import { resolvePointer } from '../../engine/request/json-pointer.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { ApiResponses, MockResponse, SuccessContext } from '../support/api-responses.ts';
import { JSON_HEADERS } from '../support/response-headers.ts';
import { keyedFaultError, WSGI_FAULTS } from '../support/keyed-fault-error.ts';

/**
 * compute-servers: 202 with a Location header and the `server` of the execution examples (id,
 * links, adminPass, OS-DCF:diskConfig, security_groups); errors in Nova's
 * `{"<fault>": {message, code}}` body, as the Error Execution Example shows `badRequest`.
 */

/** The body table's default for OS-DCF:diskConfig. */
const DEFAULT_DISK_CONFIG = 'MANUAL';
const DISK_CONFIGS = ['AUTO', 'MANUAL'];

/** Nova's fault names by status. */
const NOVA_FAULTS: Record<number, string> = {
  ...WSGI_FAULTS,
  429: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const PASSWORD_LENGTH = 12;

function digestOf(label: string, id: string): Buffer {
  return createHash('sha256').update(`${label}:${id}`).digest();
}

/**
 * A random-looking administrator password like the examples' "vffeEYsLvR5H": derived from the
 * server's id, so a seeded run answers the same way twice.
 */
function adminPassFor(id: string): string {
  const digest = digestOf('adminPass', id);
  return Array.from(digest.subarray(0, PASSWORD_LENGTH), (byte) => PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]).join('');
}

/** Nova's `req-<uuid>` request id, derived from the server's id. */
function requestIdFor(id: string): string {
  const hex = digestOf('request-id', id).toString('hex');
  return `req-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function diskConfigOf(request: RequestDocument): string {
  const requested = resolvePointer(request, '/body/server/OS-DCF:diskConfig');
  return typeof requested === 'string' && DISK_CONFIGS.includes(requested) ? requested : DEFAULT_DISK_CONFIG;
}

function serverUrls(request: RequestDocument, context: SuccessContext): { self: string; bookmark: string } {
  const project = encodeURIComponent(request.path.project_id ?? '');
  const server = encodeURIComponent(context.id);
  return {
    self: `${context.baseUrl}/v2/${project}/servers/${server}`,
    bookmark: `${context.baseUrl}/${project}/servers/${server}`,
  };
}

function serverOf(request: RequestDocument, context: SuccessContext, urls: { self: string; bookmark: string }): Record<string, unknown> {
  return {
    security_groups: [{ name: 'default' }],
    'OS-DCF:diskConfig': diskConfigOf(request),
    id: context.id,
    links: [
      { href: urls.self, rel: 'self' },
      { href: urls.bookmark, rel: 'bookmark' },
    ],
    adminPass: adminPassFor(context.id),
  };
}

function success(request: RequestDocument, context: SuccessContext): MockResponse {
  const urls = serverUrls(request, context);
  return {
    status: 202,
    headers: { ...JSON_HEADERS, location: urls.self, 'x-compute-request-id': requestIdFor(context.id) },
    body: { server: serverOf(request, context, urls) },
  };
}

const error = keyedFaultError(NOVA_FAULTS, 'computeFault');

export const responses: ApiResponses = { success, error };
