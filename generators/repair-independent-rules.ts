import type { Condition, Requirement, Rule } from '../engine/spec/requirement-model.ts';
import { conditionPaths, operandPaths } from './rule-read-paths.ts';
import { formatPointer, pointerTokens } from '../engine/request/json-pointer.ts';
import type { RequestEdits } from '../engine/request/request-edits.ts';

/**
 * The rules whose verdict on a request no repair of generators/valid-repair.ts can change: each
 * reads only where no repair writes (nor above, nor below). A generated request that breaks one
 * before it is repaired breaks it once repaired too, so it is dropped without being repaired
 * and judged. Only rules cheap to evaluate are listed; any other kind is left to the judgement.
 */

/** A path as a pattern from the request's root: a relative one under the node it is read from (`*` for each node). */
function fromRoot(path: string, under: string | undefined): string {
  return path.startsWith('/') ? path : `${under ?? ''}/${path}`;
}

/** Where a cheap rule reads the request, as patterns from the root (its `each` too); undefined for any other kind. */
function readPatterns(rule: Rule): string[] | undefined {
  const scoped = (paths: string[]): string[] => [...(rule.each ? [rule.each] : []), ...paths.map((path) => fromRoot(path, rule.each))];
  switch (rule.kind) {
    case 'lessThan':
    case 'lessOrEqual':
      return scoped([...operandPaths(rule.left), ...operandPaths(rule.right)]);
    case 'mutuallyExclusive':
    case 'atLeastOneOf':
      return scoped(rule.paths);
    case 'requiredWhen':
      return scoped([...conditionPaths(rule.when), rule.required]);
    case 'forbiddenWhen':
      return scoped([...conditionPaths(rule.when), ...conditionPaths(rule.forbidden)]);
    case 'withinQuota':
      return scoped([rule.path, ...(rule.defaultFrom === undefined ? [] : [rule.defaultFrom])]);
    case 'atMostOne': {
      // `where` is read from each item `items` matches.
      const items = fromRoot(rule.items, rule.each);
      return [...scoped([rule.items]), ...conditionPaths(rule.where).map((path) => fromRoot(path, items))];
    }
    case 'callerOwns':
      return scoped([rule.path]);
    case 'methodNotAllowed':
      return ['/method'];
    default:
      return undefined;
  }
}

function presentPaths(condition: Condition): string[] {
  if ('anyOf' in condition) return condition.anyOf.flatMap(presentPaths);
  if ('allOf' in condition) return condition.allOf.flatMap(presentPaths);
  return 'present' in condition ? [condition.path] : [];
}

/**
 * Everything the repairs may write or remove, as patterns from the root: a reference's key
 * (reference-repair.ts), a template's arguments (declaration-repair.ts), a field useful only
 * under a condition (unstated-constraint-repair.ts). A repair writing anywhere else must be named here.
 */
function writtenPatterns(requirements: Requirement[]): string[] {
  return requirements.flatMap(({ rule, refusal }) => repairWrites(rule, refusal).map(withSiblingsOfItem));
}

/** Removing a list's item moves every later item: a write that may land on an item stands for its whole list. */
function withSiblingsOfItem(pattern: string): string {
  const tokens = pointerTokens(pattern);
  const last = tokens[tokens.length - 1] ?? '';
  return last === '*' || /^[0-9]+$/.test(last) ? formatPointer(tokens.slice(0, -1)) : pattern;
}

function repairWrites(rule: Rule | undefined, refusal: Requirement['refusal']): string[] {
  if (rule?.kind === 'mustExist' || rule?.kind === 'mustBeInState') return rule.key.map((path) => fromRoot(path, rule.each));
  if (rule?.kind === 'keysDeclaredIn' || rule?.kind === 'valuesProvided') return [fromRoot(rule.path, undefined)];
  if (rule?.kind === 'forbiddenWhen' && refusal === 'unstated') return presentPaths(rule.forbidden).map((path) => fromRoot(path, rule.each));
  return [];
}

/** Do two patterns name a common node, or one a node inside the other's? `*` stands for any one token. */
function overlap(a: string, b: string): boolean {
  const left = pointerTokens(a);
  const right = pointerTokens(b);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const [one, other] = [left[index], right[index]];
    if (one !== other && one !== '*' && other !== '*') return false;
  }
  return true;
}

function untouched(requirements: Requirement[]): Requirement[] {
  const written = writtenPatterns(requirements);
  return requirements.filter(({ rule }) => {
    const read = rule ? readPatterns(rule) : undefined;
    return read !== undefined && read.every((pattern) => written.every((write) => !overlap(pattern, write)));
  });
}

/** A loaded spec is read-only: its rules are sorted out once per requirement list. */
const untouchedOf = new WeakMap<Requirement[], Requirement[]>();

/** The requirements whose rule no repair of a generated valid request can change the verdict of, in the spec's order. */
export function repairIndependentRules(requirements: Requirement[]): Requirement[] {
  let rules = untouchedOf.get(requirements);
  if (!rules) {
    rules = untouched(requirements);
    untouchedOf.set(requirements, rules);
  }
  return rules;
}

/**
 * The edits none of these rules reads (each rule one repairIndependentRules lists): with the
 * others taken back, the rules read the base request's values where they read edited ones.
 */
export function editsNotReadBy(edits: RequestEdits, rules: Requirement[]): RequestEdits {
  const read = rules.flatMap(({ rule }) => (rule ? (readPatterns(rule) ?? []) : []));
  const unread = (pointer: string): boolean => read.every((pattern) => !overlap(pointer, pattern));
  return {
    set: Object.fromEntries(Object.entries(edits.set ?? {}).filter(([pointer]) => unread(pointer))),
    unset: (edits.unset ?? []).filter(unread),
  };
}
