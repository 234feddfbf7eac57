import type { LoadedSpec } from '../spec/spec-loader.ts';
import type { Requirement, SchemaClaim } from '../spec/requirement-model.ts';
import { isRequestLocation, schemaLocations, type SchemaLocation } from './schema-locations.ts';
import { formatPointer, isContainer, parsePointer, resolvePointer } from '../request/json-pointer.ts';
import { isSchemaNode, type JsonSchemaNode } from './json-schema-node.ts';

/**
 * Keywords that constrain a value. Each one in a request schema is a requirement of the
 * document and must be claimed by exactly one requirement, so every failure is named.
 */
export const CONSTRAINT_KEYWORDS = [
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'dependentRequired',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'contains',
  'minContains',
  'maxContains',
  'patternProperties',
] as const;

/** Keywords whose subschemas hold constraints of their own, each claimed separately. */
const CONTAINER_KEYWORDS = ['properties', 'items', 'prefixItems', 'additionalProperties', 'propertyNames'] as const;

/** One constraint in a schema: a keyword at a node (for `required`, one per property). */
export interface ConstraintSite {
  location: string;
  pointer: string;
  keyword: string;
  property?: string;
}

export interface ParsedClaim {
  requirementId: string;
  location: string;
  pointer: string;
  keywords?: string[];
  property?: string;
}

export function parseClaim(requirementId: string, claim: SchemaClaim): ParsedClaim {
  const hash = claim.at.indexOf('#');
  return {
    requirementId,
    location: claim.at.slice(0, hash),
    pointer: claim.at.slice(hash + 1),
    ...(claim.keywords ? { keywords: claim.keywords } : {}),
    ...(claim.property !== undefined ? { property: claim.property } : {}),
  };
}

export function claimsOf(spec: LoadedSpec): ParsedClaim[] {
  return spec.requirements.flatMap((requirement: Requirement) => (requirement.schema ?? []).map((claim) => parseClaim(requirement.id, claim)));
}

function sitesAt(location: string, node: JsonSchemaNode, tokens: string[]): ConstraintSite[] {
  const pointer = formatPointer(tokens);
  const sites: ConstraintSite[] = [];
  for (const keyword of CONSTRAINT_KEYWORDS) {
    if (!(keyword in node)) continue;
    if (keyword === 'required' && Array.isArray(node.required)) {
      for (const property of node.required as string[]) sites.push({ location, pointer, keyword, property });
    } else {
      sites.push({ location, pointer, keyword });
    }
  }
  if (node.additionalProperties === false) sites.push({ location, pointer, keyword: 'additionalProperties' });
  return sites;
}

function walk(location: string, node: unknown, tokens: string[]): ConstraintSite[] {
  if (!isSchemaNode(node)) return [];
  const schema = node;
  const sites = sitesAt(location, schema, tokens);
  for (const keyword of CONTAINER_KEYWORDS) {
    const child = schema[keyword];
    if (keyword === 'properties' && isContainer(child)) {
      for (const [name, sub] of Object.entries(child)) sites.push(...walk(location, sub, [...tokens, keyword, name]));
    } else if (keyword === 'prefixItems' && Array.isArray(child)) {
      child.forEach((sub, index) => sites.push(...walk(location, sub, [...tokens, keyword, String(index)])));
    } else if (isContainer(child)) {
      sites.push(...walk(location, child, [...tokens, keyword]));
    }
  }
  return sites;
}

/** Every constraint of a schema, walking properties and items but not into claimed composites (anyOf…). */
export function constraintSites(location: SchemaLocation): ConstraintSite[] {
  return walk(location.name, location.schema, []);
}

function isPrefixPointer(prefix: string, pointer: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/** Does the claim cover this path into the schema (a site pointer plus keyword, or an ajv schemaPath)? */
export function claimCovers(claim: ParsedClaim, schemaPath: string, missingProperty?: string): boolean {
  if (!claim.keywords) return isPrefixPointer(claim.pointer, schemaPath);
  return claim.keywords.some((keyword) => {
    const keywordPath = `${claim.pointer}/${keyword}`;
    if (keyword === 'required' && schemaPath === keywordPath) return claim.property === missingProperty;
    return isPrefixPointer(keywordPath, schemaPath);
  });
}

export function claimsCovering(claims: ParsedClaim[], site: ConstraintSite): ParsedClaim[] {
  return claims.filter((claim) => claim.location === site.location && claimCovers(claim, `${site.pointer}/${site.keyword}`, site.property));
}

export interface ClaimProblem {
  kind: 'unclaimed' | 'claimed-twice' | 'dangling-claim';
  message: string;
}

function danglingClaimProblems(spec: LoadedSpec, claims: ParsedClaim[]): ClaimProblem[] {
  const locations = new Map(schemaLocations(spec).map((location) => [location.name, location.schema]));
  const problems: ClaimProblem[] = [];
  for (const claim of claims) {
    const schema = locations.get(claim.location);
    const node = schema === undefined ? undefined : resolvePointer(schema, claim.pointer || '');
    const where = `${claim.requirementId} claims ${claim.location}#${claim.pointer}`;
    if (!isContainer(node)) {
      problems.push({ kind: 'dangling-claim', message: `${where}: no such schema node` });
      continue;
    }
    for (const keyword of claim.keywords ?? []) {
      const value = (node as Record<string, unknown>)[keyword];
      const names = keyword === 'required' ? ((value as string[] | undefined) ?? []) : [];
      if (value === undefined || (keyword === 'required' && !names.includes(claim.property ?? ''))) {
        problems.push({ kind: 'dangling-claim', message: `${where} ${keyword}${claim.property ? `(${claim.property})` : ''}: not in the schema` });
      }
    }
  }
  return problems;
}

/** Both directions: every request constraint is claimed exactly once; every claim names something real. */
export function claimCoverageProblems(spec: LoadedSpec): ClaimProblem[] {
  const claims = claimsOf(spec);
  const problems = danglingClaimProblems(spec, claims);
  for (const location of schemaLocations(spec).filter((candidate) => isRequestLocation(candidate.name))) {
    for (const site of constraintSites(location)) {
      const owners = claimsCovering(claims, site);
      const where = `${site.location}#${site.pointer} ${site.keyword}${site.property ? `(${site.property})` : ''}`;
      if (owners.length === 0) problems.push({ kind: 'unclaimed', message: `${where} is claimed by no requirement` });
      const ids = [...new Set(owners.map((owner) => owner.requirementId))];
      if (ids.length > 1) problems.push({ kind: 'claimed-twice', message: `${where} is claimed by ${ids.join(', ')}` });
    }
  }
  return problems;
}

export { parsePointer };
