import { resolvePointer } from '../../engine/request/json-pointer.ts';
import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { ApiResponses, MockResponse, SuccessContext } from '../support/api-responses.ts';
import { JSON_HEADERS } from '../support/response-headers.ts';
import { keyedFaultError, WSGI_FAULTS } from '../support/keyed-fault-error.ts';

/**
 * cloud-databases-ha: 202 with the `ha_instance` of the document's response example, in BUILD,
 * built from the request; errors in the Trove family's `{"<fault>": {message, code}}` body.
 */

/** networks' documented default: "By default (if not specified), it will be servicenet". */
const DEFAULT_NETWORKS: readonly string[] = ['servicenet'];

/** Trove's fault names by status (the document's Response codes name badMethod, unprocessableEntity, instanceFault…). */
const TROVE_FAULTS: Record<number, string> = {
  ...WSGI_FAULTS,
  422: 'unprocessableEntity',
  500: 'instanceFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

function haField(request: RequestDocument, pointer: string): unknown {
  return resolvePointer(request, `/body/ha${pointer}`);
}

/** A copy of the request's list (the answer never shares objects with the request), or the fallback. */
function listOr(value: unknown, fallback: readonly unknown[]): unknown[] {
  return Array.isArray(value) ? structuredClone(value) : [...fallback];
}

function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** The flavor the replica source asked for, with Trove's self and bookmark links. */
function flavorOf(request: RequestDocument, baseUrl: string): Record<string, unknown> | undefined {
  const flavorRef = haField(request, '/replica_source/0/flavorRef');
  if (typeof flavorRef !== 'string' && typeof flavorRef !== 'number') return undefined;
  const flavor = encodeURIComponent(String(flavorRef));
  const version = encodeURIComponent(textOr(request.path.version, 'v1.0'));
  const account = encodeURIComponent(textOr(request.path.accountId, ''));
  return {
    id: flavorRef,
    links: [
      { href: `${baseUrl}/${version}/${account}/flavors/${flavor}`, rel: 'self' },
      { href: `${baseUrl}/flavors/${flavor}`, rel: 'bookmark' },
    ],
  };
}

/** The replica source's volume size; the response example gives one volume for the group. */
function volumeOf(request: RequestDocument): { size: number } | undefined {
  const size = haField(request, '/replica_source/0/volume/size');
  return typeof size === 'number' && Number.isInteger(size) ? { size } : undefined;
}

/** The datastore as the response example reports it: the type in lower case (erratum-datastore-type-case). */
function datastoreOf(request: RequestDocument): { version: string; type: string } {
  return {
    version: textOr(haField(request, '/datastore/version'), ''),
    type: textOr(haField(request, '/datastore/type'), '').toLowerCase(),
  };
}

function haInstanceOf(request: RequestDocument, context: SuccessContext): Record<string, unknown> {
  const instance: Record<string, unknown> = {
    name: textOr(haField(request, '/name'), ''),
    tenant_id: textOr(request.path.accountId, ''),
    volume: volumeOf(request),
    flavor: flavorOf(request, context.baseUrl),
    replicas: listOr(haField(request, '/replicas'), []),
    replica_source: listOr(haField(request, '/replica_source'), []),
    id: context.id,
    state: 'BUILD',
    acls: listOr(haField(request, '/acls'), []),
    datastore: datastoreOf(request),
    networks: listOr(haField(request, '/networks'), DEFAULT_NETWORKS),
  };
  return Object.fromEntries(Object.entries(instance).filter(([, value]) => value !== undefined));
}

function success(request: RequestDocument, context: SuccessContext): MockResponse {
  return { status: 202, headers: { ...JSON_HEADERS }, body: { ha_instance: haInstanceOf(request, context) } };
}

const error = keyedFaultError(TROVE_FAULTS, 'instanceFault');

export const responses: ApiResponses = { success, error };
