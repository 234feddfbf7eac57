import type { Condition } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { RequestEdits } from '../engine/request/request-edits.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { validValueAt } from './schema-mutations.ts';
import { absolute, type RuleMutationContext } from './rule-candidate.ts';

const MATCH_PROBES = ['conformance', 'CONFORMANCE', 'a', 'A', '0', 'x y', ''];

function merged(parts: RequestEdits[]): RequestEdits {
  return parts.reduce<RequestEdits>((all, part) => ({ set: { ...all.set, ...part.set }, unset: [...(all.unset ?? []), ...(part.unset ?? [])] }), {});
}

/** Edits that make a simple condition hold at the base, one way per alternative of an anyOf, when the suite knows how. */
function editsToHoldEachWay(condition: Condition, base: RequestDocument, scope: string[], context?: RuleMutationContext): RequestEdits[] {
  if ('allOf' in condition) {
    const parts = condition.allOf.map((inner) => editsToHoldEachWay(inner, base, scope, context)[0]);
    return parts.every((part): part is RequestEdits => part !== undefined) ? [merged(parts)] : [];
  }
  if ('anyOf' in condition) return condition.anyOf.flatMap((inner) => editsToHoldEachWay(inner, base, scope, context));
  // A path through a list holds at its first item.
  const path = absolute(condition.path, scope).replace(/\/\*/g, '/0');
  if ('absent' in condition) return [{ unset: [path] }];
  if ('present' in condition) {
    if (valueAt(base, path) !== undefined) return [{}];
    const value = context ? validValueAt(context, path) : undefined;
    return value === undefined ? [] : [{ set: { [path]: value } }];
  }
  if ('gt' in condition) return [{ set: { [path]: condition.gt + 1 } }];
  if ('equals' in condition) return [{ set: { [path]: condition.equals } }];
  if ('in' in condition) return [{ set: { [path]: condition.in[0] } }];
  if ('matches' in condition) {
    // A few plain words, tried in turn: the first the pattern matches (a word that is no HTTP method, say).
    const word = MATCH_PROBES.find((probe) => new RegExp(condition.matches, 'u').test(probe));
    return word === undefined ? [] : [{ set: { [path]: word } }];
  }
  return [];
}

/** Edits that make a condition hold at the base, the first way the suite knows (an anyOf's first alternative it can make hold). */
export function editsToHold(condition: Condition, base: RequestDocument, scope: string[], context?: RuleMutationContext): RequestEdits | undefined {
  return editsToHoldEachWay(condition, base, scope, context)[0];
}

/** The pointers a set of edits touches. */
export function editedPointers(edits: RequestEdits): string[] {
  return [...Object.keys(edits.set ?? {}), ...(edits.unset ?? [])];
}
