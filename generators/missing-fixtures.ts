import type { ApiName } from '../engine/api-name.ts';
import type { Rule } from '../engine/spec/requirement-model.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { decidingFixture } from '../apis/fixture-worlds.ts';

/** "…: set fixtures.<api>.<key>" when a fixture would tell, so a reader knows what to add to the config. */
export function namingFixture(api: ApiName, subject: string, what: string): string {
  const key = decidingFixture(api, subject);
  return key ? `${what}: set ${key}` : what;
}

/**
 * Why the fixtures cannot decide a stateful rule at all (the target's collection, quota or
 * caller is unknown), naming the fixture that would; undefined when the world can decide it.
 */
export function undecidableFor(api: ApiName, rule: Rule, world: WorldData): string | undefined {
  switch (rule.kind) {
    case 'mustExist':
    case 'mustBeInState':
    case 'uniqueWithin':
      return world.collections?.[rule.collection] ? undefined : namingFixture(api, rule.collection, `the target's ${rule.collection} are unknown`);
    case 'withinQuota':
      return world.quotas?.[rule.quota] === undefined ? namingFixture(api, rule.quota, `the quota ${rule.quota} is not configured`) : undefined;
    case 'callerOwns':
      return world.caller?.admin === undefined ? namingFixture(api, 'caller', 'whether the caller is an administrator is unknown') : undefined;
    default:
      return undefined;
  }
}

/** A rule key path as a pattern of concrete pointers: list items as `*`. */
function keyPatterns(rule: Rule): { collection: string; pattern: string }[] {
  if (rule.kind !== 'mustExist' && rule.kind !== 'mustBeInState' && rule.kind !== 'uniqueWithin') return [];
  return rule.key.map((path) => ({ collection: rule.collection, pattern: path.startsWith('/') ? path : `${rule.each ?? ''}/${path}` }));
}

const asPattern = (pointer: string): string => pointer.replace(/\/[0-9]+(?=\/|$)/g, '/*');

/**
 * The fixtures that would give a valid value at a pointer of the body: those of the collections
 * a rule's key reads there, or, in a list item, anywhere in that item (a networks item names a
 * network or a port). Empty when no fixture would.
 */
export function fixturesGiving(api: ApiName, requirements: { rule?: Rule }[], pointer: string): string[] {
  const wanted = asPattern(pointer);
  const item = wanted.includes('/*') ? wanted.slice(0, wanted.lastIndexOf('/*') + 2) : undefined;
  const patterns = requirements.flatMap(({ rule }) => (rule ? keyPatterns(rule) : []));
  const fixturesOf = (found: { collection: string }[]) => [
    ...new Set(found.map(({ collection }) => decidingFixture(api, collection)).filter((key): key is string => key !== undefined)),
  ];
  const exact = fixturesOf(patterns.filter(({ pattern }) => pattern === wanted));
  return exact.length || item === undefined ? exact : fixturesOf(patterns.filter(({ pattern }) => pattern.startsWith(`${item}/`)));
}

/** "…: set A or B" naming the fixtures that would give a value at a pointer, or the text alone. */
export function wantingValueAt(api: ApiName, requirements: { rule?: Rule }[], pointer: string, what: string): string {
  const keys = fixturesGiving(api, requirements, pointer);
  return keys.length ? `${what}: set ${keys.join(' or ')}` : what;
}
