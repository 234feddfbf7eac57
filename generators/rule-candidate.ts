import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { withEdits, type RequestEdits } from '../engine/request/request-edits.ts';
import { formatPointer, parsePointer } from '../engine/request/json-pointer.ts';
import type { Candidate, MutationContext } from './schema-mutations.ts';

export interface RuleMutationContext extends MutationContext {
  world: WorldData;
}

/** A rule's candidates, or why none can be made from the base and the fixtures. */
export type RuleCandidates = { candidates: Candidate[] } | { notRunnable: string };

/** A rule path made absolute: relative paths start at the node an `each` scope matched. */
export function absolute(path: string, scope: string[]): string {
  return path.startsWith('/') ? path : formatPointer([...scope, ...parsePointer(`/${path}`)]);
}

export function candidate(
  requirement: Requirement,
  polarity: Candidate['polarity'],
  description: string,
  request: RequestDocument,
  edits: RequestEdits,
): Candidate {
  return { requirementId: requirement.id, polarity, description, request: withEdits(request, edits) };
}
