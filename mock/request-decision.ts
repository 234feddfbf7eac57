import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { Requirement, Rule } from '../engine/spec/requirement-model.ts';
import { expectedStatuses, RESPONSE_RULE_KINDS, STATEFUL_RULE_KINDS } from '../engine/spec/requirement-model.ts';
import type { SchemaValidator, SchemaViolation } from '../engine/schema/schema-violations.ts';
import { bodyPart, parameterParts, type RequestPart } from '../engine/schema/schema-locations.ts';
import { evaluateRequirement } from '../engine/rules/rule-evaluator.ts';
import type { World } from '../engine/world/world.ts';
import { checkCredentials } from './credential-check.ts';
import { acceptedDespite } from './lenient-acceptance.ts';
import { lenientReading, ruleTolerance } from '../engine/rules/reasonable-readings.ts';

/** The mock's answer to a request that reached an operation: create, or refuse naming the requirement. */
export type Decision = { kind: 'create' } | { kind: 'refuse'; status: number; requirementId: string | undefined; message: string; pointer: string | undefined };

export interface DecisionContext {
  spec: LoadedSpec;
  validate: SchemaValidator;
  world: World;
  config: ConformanceConfig;
  /** Requirements the mock does not enforce (a fault). */
  ignored: ReadonlySet<string>;
  /** The lenient personality: accept the inputs the documents leave ambiguous (mock/lenient-acceptance.ts). */
  lenient: boolean;
  now: Date;
}

function refusal(requirement: Requirement, pointer: string | undefined, detail: string): Decision {
  const [status] = expectedStatuses(requirement);
  return {
    kind: 'refuse',
    status: status ?? 400,
    requirementId: requirement.id,
    message: `${requirement.id}: ${requirement.cite.quote} (${detail})`,
    pointer,
  };
}

function enforced(context: DecisionContext, kinds: (rule: Rule) => boolean): Requirement[] {
  return context.spec.requirements.filter((r) => r.rule && !context.ignored.has(r.id) && kinds(r.rule));
}

async function authenticationRefusal(context: DecisionContext, request: RequestDocument, rawBody: Buffer, rawPath: string): Promise<Decision | undefined> {
  for (const requirement of enforced(context, (rule) => rule.kind === 'authenticated')) {
    const rule = requirement.rule as Extract<Rule, { kind: 'authenticated' }>;
    const verdict = await checkCredentials(context.spec, rule.scheme, request, rawBody, rawPath, context.config, context.now);
    if (!verdict.accepted) return refusal(requirement, undefined, verdict.detail);
  }
  return undefined;
}

function schemaRefusal(context: DecisionContext, violations: SchemaViolation[], root: unknown, prefix: string, request: RequestDocument): Decision | undefined {
  for (const violation of violations) {
    const requirement = violation.requirementId ? requirementById(context.spec, violation.requirementId) : undefined;
    if (requirement && context.ignored.has(requirement.id)) continue;
    if (acceptedDespite(context.spec, requirement, violation, root, request, context.lenient)) continue;
    const pointer = `${prefix}${violation.instancePath}`;
    if (!requirement) return { kind: 'refuse', status: 400, requirementId: undefined, message: violation.message, pointer };
    return refusal(requirement, pointer, violation.message);
  }
  return undefined;
}

/** A request part (engine/schema/schema-locations.ts) refused when its schema is broken. */
function partRefusal(context: DecisionContext, part: RequestPart, request: RequestDocument): Decision | undefined {
  return schemaRefusal(context, context.validate(part.location, part.value), part.value, part.pointer, request);
}

function parameterRefusal(context: DecisionContext, request: RequestDocument): Decision | undefined {
  for (const part of parameterParts(context.spec, request)) {
    const decision = partRefusal(context, part, request);
    if (decision) return decision;
  }
  return undefined;
}

/** A broken rule the mock lets through: the document's example keeps a weaker one (both personalities), or the document does not say a server refuses it (lenient). */
function ruleExcused(context: DecisionContext, requirement: Requirement, request: RequestDocument): boolean {
  if (requirement.tolerated?.some((tolerance) => 'rule' in tolerance) && ruleTolerance(requirement, request, context.world)) return true;
  return context.lenient && requirement.refusal === 'unstated';
}

function ruleRefusal(context: DecisionContext, request: RequestDocument, which: (rule: Rule) => boolean): Decision | undefined {
  for (const requirement of enforced(context, which)) {
    const verdict = evaluateRequirement(requirement, request, context.world);
    if (verdict.verdict === 'broken' && !ruleExcused(context, requirement, request)) return refusal(requirement, undefined, verdict.detail);
  }
  return undefined;
}

const onPathOnly = (rule: Rule): boolean => STATEFUL_RULE_KINDS.includes(rule.kind) && 'key' in rule && rule.key.every((key) => key.startsWith('/path/'));
const statelessRequestRule = (rule: Rule): boolean => !STATEFUL_RULE_KINDS.includes(rule.kind) && !RESPONSE_RULE_KINDS.includes(rule.kind);
const statefulBodyRule = (rule: Rule): boolean => STATEFUL_RULE_KINDS.includes(rule.kind) && rule.kind !== 'authenticated' && !onPathOnly(rule);

/**
 * In the order a server checks: credentials, path and header parameters, the path's resources
 * (404), the body's schema, the cross-field rules, then what the body names must exist and be
 * in state (404/409/403). The first broken requirement answers.
 */
export async function decide(context: DecisionContext, request: RequestDocument, rawBody: Buffer, rawPath: string): Promise<Decision> {
  // The lenient personality judges the request as a lenient server reads it; credentials are checked on what was sent.
  const read = context.lenient ? lenientReading(context.spec, request) : request;
  return (
    (await authenticationRefusal(context, request, rawBody, rawPath)) ??
    parameterRefusal(context, read) ??
    ruleRefusal(context, read, onPathOnly) ??
    partRefusal(context, bodyPart(read), read) ??
    ruleRefusal(context, read, statelessRequestRule) ??
    ruleRefusal(context, read, statefulBodyRule) ?? { kind: 'create' }
  );
}
