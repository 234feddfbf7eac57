import type { RequestDocument } from './request-document.ts';
import type { Lookup, World } from './world.ts';

/** A world written as data (the rule case tables; later, the config's fixtures). */
export interface WorldData {
  collections?: Record<string, { key: unknown[]; [field: string]: unknown }[]>;
  quotas?: Record<string, number>;
  /** `admin` absent: the config does not say whether the caller is an administrator. */
  caller?: { tenant: string; admin?: boolean };
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

type Item = { key: unknown[]; [field: string]: unknown };

function normalizedKey(key: unknown[]): string {
  return JSON.stringify(key.map(normalizeKeyPart));
}

/**
 * An index of each collection by normalized key, kept up to date as items are appended (the
 * mock appends what it creates): a lookup costs the same with 10 items or 100,000. The first
 * item with a key wins, as a scan would find it; a collection that shrank is indexed anew.
 */
const indexes = new WeakMap<Item[], { indexed: number; byKey: Map<string, Item> }>();

function findByKey(items: Item[], key: unknown[]): Item | undefined {
  let index = indexes.get(items);
  if (!index || index.indexed > items.length) {
    index = { indexed: 0, byKey: new Map() };
    indexes.set(items, index);
  }
  for (; index.indexed < items.length; index.indexed += 1) {
    const item = items[index.indexed] as Item;
    const normalized = normalizedKey(item.key);
    if (!index.byKey.has(normalized)) index.byKey.set(normalized, item);
  }
  return index.byKey.get(normalizedKey(key));
}

export function worldFromData(
  data: WorldData,
  credentialHeaderOf: (scheme: string) => string | undefined,
): World {
  return {
    lookup(collection, key): Lookup {
      const items = data.collections?.[collection];
      if (!items) return { known: false };
      return { known: true, item: findByKey(items, key) };
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
