import type { RequestDocument } from '../request/request-document.ts';
import type { Lookup, World } from './world.ts';
import { keyIdentity } from '../rules/rule-keys.ts';

/** A world written as data (the rule case tables; later, the config's fixtures). */
export interface WorldData {
  collections?: Record<string, WorldItem[]>;
  quotas?: Record<string, number>;
  /** `admin` absent: the config does not say whether the caller is an administrator. */
  caller?: { tenant: string; admin?: boolean };
  /** Security scheme name -> the credential header values the target accepts. */
  credentials?: Record<string, string[]>;
}

/** An item of a collection: its key (engine/rules/rule-keys.ts says when two keys name the same item) and what is known of it. */
export type WorldItem = { key: unknown[]; [field: string]: unknown };

/**
 * An index of each collection by normalized key, kept up to date as items are appended (the
 * mock appends what it creates): a lookup costs the same with 10 items or 100,000. The first
 * item with a key wins, as a scan would find it; a collection that shrank is indexed anew.
 */
const indexes = new WeakMap<WorldItem[], { indexed: number; byKey: Map<string, WorldItem> }>();

/** The first item of a collection whose key names the same item as `key` (rule-keys.ts), found through the index. */
export function itemWithKey(items: WorldItem[], key: unknown[]): WorldItem | undefined {
  let index = indexes.get(items);
  if (!index || index.indexed > items.length) {
    index = { indexed: 0, byKey: new Map() };
    indexes.set(items, index);
  }
  for (; index.indexed < items.length; index.indexed += 1) {
    const item = items[index.indexed] as WorldItem;
    const normalized = keyIdentity(item.key);
    if (!index.byKey.has(normalized)) index.byKey.set(normalized, item);
  }
  return index.byKey.get(keyIdentity(key));
}

export function worldFromData(data: WorldData, credentialHeaderOf: (scheme: string) => string | undefined): World {
  return {
    lookup(collection, key): Lookup {
      const items = data.collections?.[collection];
      if (!items) return { known: false };
      return { known: true, item: itemWithKey(items, key) };
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
