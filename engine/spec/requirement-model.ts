/** The rule model (docs/ARCHITECTURE.md, "The rule model"; docs/writing-a-spec.md) as types: what `x-requirements` and `x-errata` hold. */
import type { JsonSchemaNode } from '../schema/json-schema-node.ts';

export type Level = 'explicit' | 'inferred';

export interface Citation {
  section: string;
  quote: string;
}

/** A claim on keywords of one schema node: `<location>#<JSON pointer>`. */
export interface SchemaClaim {
  at: string;
  keywords?: string[];
  property?: string;
}

export type Operand = string | { count: string } | { value: number };

export type Condition =
  | { path: string; present: true }
  | { path: string; absent: true }
  | { path: string; gt: number }
  | { path: string; equals: unknown }
  | { path: string; in: unknown[] }
  | { path: string; notIn: unknown[] }
  /** A string value matching this regular expression (Unicode mode: `.` is one code point). */
  | { path: string; matches: string }
  | { anyOf: Condition[] }
  | { allOf: Condition[] };

export interface Declarations {
  path: string;
  pointer: string;
}

interface Scoped {
  /** Check the rule once per node this path (with `*`) matches; relative paths start there. */
  each?: string;
}

export type Rule = Scoped &
  (
    | { kind: 'lessThan'; left: Operand; right: Operand }
    | { kind: 'lessOrEqual'; left: Operand; right: Operand }
    | { kind: 'mutuallyExclusive'; paths: string[] }
    | { kind: 'atLeastOneOf'; paths: string[] }
    | { kind: 'requiredWhen'; when: Condition; required: string }
    | { kind: 'forbiddenWhen'; when: Condition; forbidden: Condition }
    | { kind: 'atMostOne'; items: string; where: Condition }
    | { kind: 'keysDeclaredIn'; path: string; declarations: Declarations }
    | { kind: 'valuesProvided'; path: string; declarations: Declarations }
    | { kind: 'mustExist'; collection: string; key: string[] }
    /** The item's field must equal `equals`, or the request's value at `sameAs` (a volume's zone and the server's). */
    | { kind: 'mustBeInState'; collection: string; key: string[]; field: string; equals?: unknown; sameAs?: string }
    | { kind: 'uniqueWithin'; collection: string; key: string[] }
    /** A list or an object at `path` counts as its number of items or members (metadata items). */
    | {
        kind: 'withinQuota';
        path: string;
        quota: string;
        /** Where the value comes from when the path is absent (max_count "defaults to min_count"). */ defaultFrom?: string;
      }
    /** The text at `path` must parse, under one of the media types, as an object (a JSON object, a YAML mapping). */
    | { kind: 'parsesAs'; path: string; mediaTypes: ('application/json' | 'application/yaml')[] }
    | { kind: 'callerOwns'; path: string }
    | { kind: 'authenticated'; scheme: string }
    | { kind: 'methodNotAllowed'; methods: string[] }
    | { kind: 'responseStatus'; status: number }
    | { kind: 'responseContentType'; status: number; mediaType: string }
    | { kind: 'responseHeader'; status: number; name: string }
  );

export type RuleKind = Rule['kind'];

export const RESPONSE_RULE_KINDS: readonly RuleKind[] = ['responseStatus', 'responseContentType', 'responseHeader'];
export const STATEFUL_RULE_KINDS: readonly RuleKind[] = ['mustExist', 'mustBeInState', 'uniqueWithin', 'withinQuota', 'callerOwns', 'authenticated'];

/**
 * What a conforming server may still accept although it breaks the requirement, because the
 * document's own example sends it (an erratum records the contradiction): a value this schema
 * matches, the field left out, or a request that keeps this weaker rule (timeout equal to delay).
 */
export type Tolerance = { erratum: string } & ({ schema: JsonSchemaNode } | { absent: true } | { rule: Rule });

export interface Requirement {
  id: string;
  level: Level;
  why?: string;
  status?: number | number[];
  cite: Citation;
  schema?: SchemaClaim[];
  rule?: Rule;
  tolerated?: Tolerance[];
  /** The document says the field is ignored while this condition holds (template_url beside a template). */
  ignoredWhen?: Condition;
  /**
   * `unstated`: the document states the constraint but not that a server refuses a request that
   * breaks it ("useful only when…"). Valid cases keep it; no case breaks it, since a server may
   * as well ignore it.
   */
  refusal?: 'unstated';
  testable?: false;
  untestable?: string;
}

export interface Erratum {
  id: string;
  section: string;
  quote: string;
  problem: string;
  interpretation: string;
  example?: string;
  breaks?: string[];
}

/** How the suite checks a requirement: through a schema claim, through a rule, or not at all. */
export type RequirementKind = 'schema' | 'rule' | 'untestable';

export function requirementKind(requirement: Requirement): RequirementKind {
  if (requirement.testable === false) return 'untestable';
  return requirement.rule ? 'rule' : 'schema';
}

/** Request-side requirements carry the status a conforming server answers when they are broken. */
export function expectedStatuses(requirement: Requirement): number[] {
  if (requirement.status === undefined) return [];
  return Array.isArray(requirement.status) ? requirement.status : [requirement.status];
}

export function isResponseRequirement(requirement: Requirement): boolean {
  if (requirement.rule) return RESPONSE_RULE_KINDS.includes(requirement.rule.kind);
  return (requirement.schema ?? []).every((claim) => claim.at.startsWith('response:'));
}
