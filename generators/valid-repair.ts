import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { repairReferences } from './reference-repair.ts';
import { repairDeclarations } from './declaration-repair.ts';
import { repairUnstatedConstraints } from './unstated-constraint-repair.ts';

/** An edited valid request brought back in line with what edits cannot see: its references point at the target's, its template declares what it passes, a field useful only elsewhere leaves. */
export function repairedToValid(requirements: Requirement[], request: RequestDocument, world: WorldData): RequestDocument {
  return repairUnstatedConstraints(requirements, repairDeclarations(requirements, repairReferences(requirements, request, world)));
}
