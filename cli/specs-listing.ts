import { normalizeWhitespace } from '../engine/spec/document-text.ts';
import { operationOf, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { expectedStatuses, requirementKind, type Erratum, type Level, type Requirement, type RequirementKind } from '../engine/spec/requirement-model.ts';
import { summarizeSpec, type SpecSummary } from './specs-summary.ts';

/** One requirement as `conformance specs` lists it: the document's sentence, whole. */
export interface RequirementEntry {
  id: string;
  level: Level;
  kind: RequirementKind;
  /** The HTTP status(es) the document gives when a request breaks it; empty on the response side. */
  statusOnBreak: number[];
  section: string;
  quote: string;
  document: string;
}

export interface ErratumEntry {
  id: string;
  section: string;
  quote: string;
  problem: string;
  interpretation: string;
}

/**
 * One API of `conformance specs --json`. The counts keep the keys they always had (`errata`
 * stays a number); the errata themselves are `errataList`.
 */
export interface SpecListing extends SpecSummary {
  operation: string;
  sourceDocument: string;
  requirements: RequirementEntry[];
  errataList: ErratumEntry[];
}

function requirementEntry(requirement: Requirement, document: string): RequirementEntry {
  return {
    id: requirement.id,
    level: requirement.level,
    kind: requirementKind(requirement),
    statusOnBreak: expectedStatuses(requirement),
    section: requirement.cite.section,
    quote: normalizeWhitespace(requirement.cite.quote),
    document,
  };
}

function erratumEntry(erratum: Erratum): ErratumEntry {
  return {
    id: erratum.id,
    section: erratum.section,
    quote: normalizeWhitespace(erratum.quote),
    problem: normalizeWhitespace(erratum.problem),
    interpretation: normalizeWhitespace(erratum.interpretation),
  };
}

export function listSpec(spec: LoadedSpec): SpecListing {
  const { api, ...counts } = summarizeSpec(spec);
  return {
    api,
    operation: operationOf(spec),
    sourceDocument: spec.sourceDocument,
    ...counts,
    requirements: spec.requirements.map((requirement) => requirementEntry(requirement, spec.sourceDocument)),
    errataList: spec.errata.map(erratumEntry),
  };
}
