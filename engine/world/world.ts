import type { RequestDocument } from '../request/request-document.ts';

/** What is known about one item of a collection on the target. */
export type Lookup = { known: false } | { known: true; item: Record<string, unknown> | undefined };

/**
 * What the target holds, for the stateful rules. A method answers `undefined` / `known: false`
 * when the world cannot tell; the rule's verdict is then `undecided`, never a guess.
 */
export interface World {
  lookup(collection: string, key: unknown[]): Lookup;
  quota(name: string): number | undefined;
  caller(): { tenant: string; admin?: boolean } | undefined;
  credentialsAccepted(scheme: string, request: RequestDocument): boolean | undefined;
}

export const UNKNOWN_WORLD: World = {
  lookup: () => ({ known: false }),
  quota: () => undefined,
  caller: () => undefined,
  credentialsAccepted: () => undefined,
};
