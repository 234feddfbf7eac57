/**
 * A request as one document, the thing rule paths point into:
 * `/method`, `/path/<param>`, `/header/<lower-case name>`, `/body/...`.
 */
export interface RequestDocument {
  method: string;
  path: Record<string, string>;
  header: Record<string, string>;
  body?: unknown;
}

export function normalizeHeaderNames(header: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(header).map(([name, value]) => [name.toLowerCase(), value]));
}
