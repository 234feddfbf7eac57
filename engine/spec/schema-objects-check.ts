import { createAjv } from '../schema/ajv-instance.ts';
import { formatPointer } from '../request/json-pointer.ts';

/** Where a spec's schemas are: every value under a `schema` key (OpenAPI's Schema Objects, the requirements' tolerated readings), examples aside. */
function* schemaObjects(node: unknown, at: string[] = []): Generator<{ pointer: string; schema: object | boolean }> {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    if (key === 'schema' && (typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value)))) {
      yield { pointer: formatPointer([...at, key]), schema: value as object | boolean };
    }
    yield* schemaObjects(value, [...at, key]);
  }
}

/**
 * The spec's schemas that are not JSON Schema 2020-12, each with its pointer and the first
 * complaint. The run compiles schemas without this check (engine/schema/ajv-instance.ts): a spec
 * is checked when it is loaded from its source, by `conformance specs`, the build and the tests.
 */
export function invalidSchemaObjects(document: unknown): string[] {
  const ajv = createAjv({ checkSchemas: true });
  const problems: string[] = [];
  for (const { pointer, schema } of schemaObjects(document)) {
    if (ajv.validateSchema(schema)) continue;
    const [first] = ajv.errors ?? [];
    problems.push(`${pointer}: not a JSON Schema (${first?.instancePath || '/'} ${first?.message ?? 'is invalid'})`);
  }
  return problems;
}
