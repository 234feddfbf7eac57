import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { itemWithKey, type WorldData } from '../engine/world/world-from-data.ts';
import { ruleKeyValues, ruleScopes } from '../engine/rules/rule-keys.ts';
import { applyStateChanges } from '../apis/creation-effects.ts';

/** The planner's `freshened` suffixes every string at an absolute body path of a uniqueWithin key. */
function isSuffixedPerCase(path: string): boolean {
  return path.startsWith('/body/');
}

/**
 * Records in the planning world what a request a conforming target accepts will create: the
 * keys of every uniqueWithin rule (a fixed IP on a network, a stack name), and the items it puts
 * in another state (apis/creation-effects.ts). A later case that
 * reuses one then breaks that rule, so it is generated anew (a random valid request) or
 * labelled with it (an invalid one): a second creation of the same key is no false alarm.
 * Only collections the world already lists are touched; an unknown collection stays unknown.
 * Keys the planner already makes unique per case (absolute body paths such as a stack name get
 * a per-case suffix) are not recorded: they cannot collide, and a long run would otherwise
 * make every later lookup scan thousands of them.
 */
export function claimCreatedKeys(spec: LoadedSpec, request: RequestDocument, world: WorldData): void {
  // What the create puts in another state (a port now in use, a volume attached): later cases see it so.
  applyStateChanges(spec.api, world, request);
  for (const { rule } of spec.requirements) {
    if (rule?.kind !== 'uniqueWithin' || rule.key.some(isSuffixedPerCase)) continue;
    const items = world.collections?.[rule.collection];
    if (!items) continue;
    for (const scope of ruleScopes(rule, request)) {
      const key = ruleKeyValues(rule, request, scope);
      // Through the world's index: a scan would cost more with every key a long run claims.
      if (key && !itemWithKey(items, key)) items.push({ key });
    }
  }
}
