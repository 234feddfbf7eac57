import { isResponseRequirement, type Requirement } from '../engine/spec/requirement-model.ts';

/**
 * Whether a requirement on the request was sent both ways: a negative that breaks it alone (the
 * target had to refuse it) and a positive that keeps it while putting it to the test (the
 * target had to accept it). A requirement on the answer is judged on every answer instead.
 */
export type Coverage = 'both ways' | 'negative only' | 'positive only' | 'neither' | 'on the answers';

export function coverageOf(requirement: Requirement, sent: { breaking: number; positive: number }): Coverage {
  if (isResponseRequirement(requirement)) return 'on the answers';
  if (sent.breaking > 0) return sent.positive > 0 ? 'both ways' : 'negative only';
  return sent.positive > 0 ? 'positive only' : 'neither';
}

/** Why a requirement was sent one way or neither, when nothing else said why. */
export function oneWayReason(coverage: Coverage, notRunReason: string | undefined): string {
  if (coverage === 'negative only') return 'no valid case carried it (the field or condition it constrains was absent from every valid request)';
  return notRunReason ?? 'no case broke it alone';
}
