import type { RequestDocument } from './request-document.ts';
import type { Lookup, World } from './world.ts';

/** A world written as data (the rule case tables; later, the config's fixtures). */
export interface WorldData {
  collections?: Record<string, { key: unknown[]; [field: string]: unknown }[]>;
  quotas?: Record<string, number>;
  caller?: { tenant: string; admin: boolean };
  /** Security scheme name -> the credential header values the target accepts. */
  credentials?: Record<string, string[]>;
}

/** UUIDs match dashed or undashed, in any case (csapi:uuid allows both forms); 2 matches "2". */
export function normalizeKeyPart(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  const undashed = value.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(undashed) ? undashed : value;
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((part, index) => normalizeKeyPart(part) === normalizeKeyPart(b[index]));
}

export function worldFromData(
  data: WorldData,
  credentialHeaderOf: (scheme: string) => string | undefined,
): World {
  return {
    lookup(collection, key): Lookup {
      const items = data.collections?.[collection];
      if (!items) return { known: false };
      return { known: true, item: items.find((item) => sameKey(item.key, key)) };
    },
    quota: (name) => data.quotas?.[name],
    caller: () => data.caller,
    credentialsAccepted(scheme: string, request: RequestDocument) {
      const accepted = data.credentials?.[scheme];
      const header = credentialHeaderOf(scheme);
      if (!accepted || !header) return undefined;
      const sent = request.header[header.toLowerCase()];
      return sent !== undefined && accepted.includes(sent);
    },
  };
}
