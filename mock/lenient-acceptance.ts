import { ambiguityOf } from '../engine/spec/document-ambiguities.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import type { SchemaViolation } from '../engine/schema/schema-violations.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';

/**
 * What the mock lets through although the spec's literal reading refuses it.
 * Both personalities accept what the documents' own examples send (a requirement's `tolerated`,
 * e.g. `"delay": "1"` or a template as a JSON object): a client copying the document's example
 * must get a success. The lenient personality also follows every other reasonable reading
 * (engine/rules/reasonable-readings.ts decides on the request as leniently read: numeric strings,
 * "true", null and empty optional lists as not given), takes a UUID without dashes where a field
 * is `format: uuid`, and ignores a field the document says is ignored (template_url beside a
 * template). What both personalities accept alike (unknown extra body fields: no spec forbids
 * them; `application/json; charset=utf-8`, any letter case; dashed UUIDs in upper case; UUID keys
 * of stateful lookups in any form, see engine/rules/rule-keys.ts) needs nothing here.
 */
export function acceptedDespite(
  spec: LoadedSpec,
  requirement: Requirement | undefined,
  violation: SchemaViolation,
  root: unknown,
  request: RequestDocument,
  lenient: boolean,
): boolean {
  const ambiguity = ambiguityOf(spec, requirement, violation, resolvePointer(root, violation.instancePath));
  if (ambiguity?.kind === 'tolerated') return true;
  if (!lenient) return false;
  return ambiguity !== undefined || (requirement?.ignoredWhen !== undefined && conditionHolds(requirement.ignoredWhen, request, []));
}
