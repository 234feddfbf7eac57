import type { ApiName } from '../../engine/api-name.ts';
import { apiDefinition } from '../../apis/catalogue.ts';
import type { ApiResponses } from '../../apis/support/api-responses.ts';

/** The documented success and error answers of one API, for the embedded mock (its folder's responses.ts). */
export function responsesFor(api: ApiName): ApiResponses {
  return apiDefinition(api).responses;
}
