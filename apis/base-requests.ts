import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { apiDefinition } from './catalogue.ts';
import { fixturesOf } from './api-fixtures.ts';

/**
 * A valid request per API, built from the config's fixtures (what exists on the target): the
 * body every case starts from (each API folder's base-request.ts). Credentials are applied
 * when the request is sent, not here.
 */
export function baseRequest(api: ApiName, config: ConformanceConfig): RequestDocument {
  const base = apiDefinition(api).baseRequest(fixturesOf(api, config));
  return { method: 'POST', header: {}, ...structuredClone(base) };
}
