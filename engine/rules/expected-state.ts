import type { Rule } from '../spec/requirement-model.ts';
import { valueAt } from './rule-paths.ts';

export type ExpectedState = { known: true; value: unknown } | { known: false; why: string };

/** The state a mustBeInState rule asks of its item: a constant, or the request's value at `sameAs` (the server's zone). */
export function expectedState(rule: Extract<Rule, { kind: 'mustBeInState' }>, request: unknown, scope: string[]): ExpectedState {
  if (rule.sameAs === undefined) return { known: true, value: rule.equals };
  const value = valueAt(request, rule.sameAs, scope);
  // Left out, the value is the target's default (the default availability zone), which the fixtures do not name.
  return value === undefined ? { known: false, why: `${rule.sameAs} is absent: its default on the target is unknown` } : { known: true, value };
}
