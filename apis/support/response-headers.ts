/** Every JSON answer of the mock carries this content type. */
export const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/** Error headers: JSON, and the broken requirement's id when there is one (protocol errors have none). */
export function errorHeaders(requirementId: string | undefined): Record<string, string> {
  return requirementId === undefined ? { ...JSON_HEADERS } : { ...JSON_HEADERS, 'x-conformance-requirement': requirementId };
}
