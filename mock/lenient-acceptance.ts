import { ambiguityOf } from '../engine/document-ambiguities.ts';
import { resolvePointer } from '../engine/json-pointer.ts';
import type { Requirement } from '../engine/requirement-model.ts';
import type { SchemaViolation } from '../engine/schema-violations.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';

/**
 * The lenient personality's request side: a schema violation it lets through because the input is
 * one the documents leave ambiguous (engine/document-ambiguities.ts): a tolerated value such as
 * `"delay": "1"`, or a UUID without dashes where a field is `format: uuid`. Everything else is
 * refused as by the strict personality. What both personalities accept alike (unknown extra body
 * fields: no spec forbids them; `application/json; charset=utf-8`, any letter case; dashed UUIDs
 * in upper case; UUID keys of stateful lookups in any form, see engine/world-from-data.ts) needs
 * nothing here.
 */
export function lenientlyAccepted(spec: LoadedSpec, requirement: Requirement | undefined, violation: SchemaViolation, root: unknown): boolean {
  return ambiguityOf(spec, requirement, violation, resolvePointer(root, violation.instancePath)) !== undefined;
}
