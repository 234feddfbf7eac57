import type { Condition, Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import { withEdits } from '../engine/request/request-edits.ts';

/** The paths a condition requires present (`{path, present}` at any depth of anyOf/allOf). */
function presentPaths(condition: Condition): string[] {
  if ('anyOf' in condition) return condition.anyOf.flatMap(presentPaths);
  if ('allOf' in condition) return condition.allOf.flatMap(presentPaths);
  return 'present' in condition ? [condition.path] : [];
}

/**
 * A field the document calls useful only under a condition ("useful only when you specify a
 * health monitor type of HTTP or HTTPS") is left out of a generated valid request where the
 * condition does not hold: such a field is neither valid nor invalid there (its requirement's
 * refusal is unstated), so valid requests keep it with its condition.
 */
export function repairUnstatedConstraints(requirements: Requirement[], request: RequestDocument): RequestDocument {
  let repaired = request;
  for (const requirement of requirements) {
    const rule = requirement.rule;
    if (requirement.refusal !== 'unstated' || rule?.kind !== 'forbiddenWhen' || rule.each) continue;
    if (!conditionHolds(rule.when, repaired) || !conditionHolds(rule.forbidden, repaired)) continue;
    repaired = withEdits(repaired, { unset: presentPaths(rule.forbidden).filter((path) => path.startsWith('/body/')) });
  }
  return repaired;
}
