import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { Level, Requirement, Rule } from '../engine/spec/requirement-model.ts';
import { withoutNullMembers } from '../engine/rules/reasonable-readings.ts';
import { documentedSuccess } from '../engine/spec/documented-success.ts';
import type { SchemaValidator } from '../engine/schema/schema-violations.ts';
import type { CheckOutcome, ObservedResponse, PlannedCase } from '../engine/run/run-model.ts';

/**
 * The checks, one small named function each (the name is reported with the verdict). Each
 * names the requirement it judges.
 */
export interface CheckContext {
  spec: LoadedSpec;
  validate: SchemaValidator;
  testCase: PlannedCase;
  response: ObservedResponse;
}

type Check = (context: CheckContext) => CheckOutcome[];

const outcome = (check: string, requirementId: string, passed: boolean, message: string, level?: Level): CheckOutcome => ({
  check,
  requirementId,
  passed,
  message,
  ...(level ? { level } : {}),
});

type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;

/** The requirements a check of the answer reads, gathered once per spec (a loaded spec is read-only), not once per case. */
interface ResponseRequirements {
  /** By status: the requirements with a schema claim on that response, in the spec's order. */
  schemaClaims: Map<string, Requirement[]>;
  contentTypes: { requirement: Requirement; rule: RuleOf<'responseContentType'> }[];
  headers: { requirement: Requirement; rule: RuleOf<'responseHeader'> }[];
}

const responseRequirementsOf = new WeakMap<Requirement[], ResponseRequirements>();

function responseRequirements(spec: LoadedSpec): ResponseRequirements {
  let found = responseRequirementsOf.get(spec.requirements);
  if (!found) {
    found = { schemaClaims: new Map(), contentTypes: [], headers: [] };
    for (const requirement of spec.requirements) {
      const rule = requirement.rule;
      if (rule?.kind === 'responseContentType') found.contentTypes.push({ requirement, rule });
      if (rule?.kind === 'responseHeader') found.headers.push({ requirement, rule });
    }
    responseRequirementsOf.set(spec.requirements, found);
  }
  return found;
}

function schemaClaimsOf(spec: LoadedSpec, status: string): Requirement[] {
  const { schemaClaims } = responseRequirements(spec);
  let claims = schemaClaims.get(status);
  if (!claims) {
    claims = spec.requirements.filter((r) => (r.schema ?? []).some((claim) => claim.at.startsWith(`response:${status}#`)));
    schemaClaims.set(status, claims);
  }
  return claims;
}

function levelOf(spec: LoadedSpec, requirementId: string): Level | undefined {
  return requirementById(spec, requirementId)?.level;
}

/**
 * A conforming target answers one of the expected statuses. A refused valid request or an
 * accepted invalid one breaks the case's requirement; a valid request accepted with another
 * success status breaks the documented success status instead.
 */
export const status_conformance: Check = ({ spec, testCase, response }) => {
  const passed = testCase.expectedStatuses.includes(response.status);
  const wrongSuccess = testCase.polarity === 'positive' && !passed && response.status < 400;
  const requirementId = wrongSuccess ? (documentedSuccess(spec)?.requirementId ?? testCase.requirementId) : testCase.requirementId;
  const level = wrongSuccess ? levelOf(spec, requirementId) : testCase.level;
  return [outcome('status_conformance', requirementId, passed, `expected ${testCase.expectedStatuses.join(' or ')}, got ${response.status}`, level)];
};

/** No request ever gets a 5xx: a server error breaks the case's requirement whatever it expected. */
export const not_a_server_error: Check = ({ testCase, response }) =>
  response.status >= 500 ? [outcome('not_a_server_error', testCase.requirementId, false, `server error ${response.status}`, testCase.level)] : [];

/** The answer has a status the case expected (a success, or the documented refusal): its documented shape applies. */
function expectedAnswer(context: CheckContext): boolean {
  return context.testCase.expectedStatuses.includes(context.response.status);
}

/** Why the schema of an answer could not be checked: the body the suite read is not JSON, and how. */
function whyNotJson(response: ObservedResponse): string {
  const contentType = response.headers['content-type'];
  const sent = contentType ? ` (sent as ${contentType})` : '';
  if (response.bodyCutAt !== undefined) {
    return `the body is not JSON the suite could check: it is longer than the ${response.bodyCutAt} bytes the suite reads, and that prefix is not a complete JSON document${sent}`;
  }
  if (response.bodyInvalidUtf8) return `the body is not JSON: it is not valid UTF-8 (JSON text must be UTF-8, RFC 8259 §8.1)${sent}`;
  if (response.jsonError !== undefined) return `the body is not JSON: ${response.jsonError}${sent}`;
  return `the body is not JSON${sent}`;
}

/** An expected answer's body validates against the spec's schema for its status (success or error); each failure names its requirement. */
export const response_schema_conformance: Check = (context) => {
  if (!expectedAnswer(context)) return [];
  const status = String(context.response.status);
  const hasSchema = Boolean((context.spec.operation.responses?.[status] as { content?: unknown } | undefined)?.content);
  if (!hasSchema) return [];
  const claimsOfResponse = schemaClaimsOf(context.spec, status);
  if (context.response.json === undefined) {
    const why = whyNotJson(context.response);
    return claimsOfResponse.map((r) => outcome('response_schema_conformance', r.id, false, why, r.level));
  }
  // A null member reads as "not given" (a PING monitor's http_method): only what breaks the schema under both readings fails.
  const literal = context.validate(`response:${status}`, context.response.json);
  const violations = literal.length ? context.validate(`response:${status}`, withoutNullMembers(context.response.json)) : literal;
  return claimsOfResponse.map((requirement) => {
    const mine = violations.filter((violation) => violation.requirementId === requirement.id);
    return outcome('response_schema_conformance', requirement.id, mine.length === 0, mine.map((v) => v.message).join('; ') || 'valid', requirement.level);
  });
};

/** The documented media type of the response, for each status the spec gives one. */
export const content_type_conformance: Check = (context) => {
  if (!expectedAnswer(context)) return [];
  return responseRequirements(context.spec).contentTypes.flatMap(({ requirement, rule }) => {
    if (rule.status !== context.response.status) return [];
    const actual = context.response.headers['content-type'] ?? '';
    return [
      outcome(
        'content_type_conformance',
        requirement.id,
        actual.split(';')[0]?.trim().toLowerCase() === rule.mediaType,
        `expected ${rule.mediaType}, got ${actual || 'none'}`,
        requirement.level,
      ),
    ];
  });
};

/** The documented headers of the response (a Location for a created server). */
export const response_headers_conformance: Check = (context) => {
  if (!expectedAnswer(context)) return [];
  return responseRequirements(context.spec).headers.flatMap(({ requirement, rule }) => {
    if (rule.status !== context.response.status) return [];
    const present = context.response.headers[rule.name.toLowerCase()] !== undefined;
    return [outcome('response_headers_conformance', requirement.id, present, present ? `${rule.name} present` : `${rule.name} missing`, requirement.level)];
  });
};

export const CHECKS: Check[] = [status_conformance, not_a_server_error, response_schema_conformance, content_type_conformance, response_headers_conformance];

export function runChecks(context: CheckContext): CheckOutcome[] {
  return CHECKS.flatMap((check) => check(context));
}
