import fc from 'fast-check';
import { UnsatisfiableSchemaError } from '../../engine/errors.ts';
import { valueFor } from '../schema-arbitrary.ts';
import { canonicalJson, uniqueJson } from './canonical-json.ts';
import { isAscii } from './code-points.ts';
import { isSchemaNode, type JsonSchema } from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from './schema-validator.ts';
import { oncePerSchema } from './once-per-schema.ts';

/** A fixed seed: examples depend on the schema only, so invalid and boundary values are deterministic. */
const EXAMPLE_SEED = 0x5eed;
const DRAWS = 48;

/** Plain, short values first: ASCII before anything else, then by JSON length. */
function plainness(value: unknown): number {
  const json = canonicalJson(value);
  return (isAscii(json) ? 0 : 100_000) + json.length;
}

function declaredExamples(schema: JsonSchema): unknown[] {
  if (!isSchemaNode(schema)) return [];
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  return ['default' in schema ? [schema.default] : [], examples].flat().filter((value) => isValidAgainst(schema, value));
}

/**
 * A few distinct valid values of a schema, plainest first, the same on every call: the
 * schema's own default and examples when valid, then draws from `valueFor` with a fixed seed.
 * Empty when no value satisfies the schema.
 */
export function exampleValuesFor(schema: JsonSchema, count = 6): unknown[] {
  return drawnOnce(schema, count);
}

function drawExampleValues(schema: JsonSchema, count: number): unknown[] {
  let drawn: unknown[];
  try {
    drawn = fc.sample(valueFor(schema, { maxArrayItems: 2, maxStringLength: 24 }), { seed: EXAMPLE_SEED, numRuns: DRAWS });
  } catch (error) {
    if (error instanceof UnsatisfiableSchemaError) return [];
    throw error;
  }
  const sorted = uniqueJson(drawn).sort((left, right) => plainness(left) - plainness(right));
  return uniqueJson([...declaredExamples(schema), ...sorted]).slice(0, count);
}

const drawnOnce = oncePerSchema('example', drawExampleValues);
