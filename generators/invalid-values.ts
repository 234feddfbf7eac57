import { pickInvalid, pickValid, type CandidateKit, type CandidateMaker } from './invalid/candidate-groups.ts';
import { invalidItems, invalidMaxItems, invalidMinItems, invalidUniqueItems, boundaryMaxItems, boundaryMinItems } from './invalid/array-candidates.ts';
import { boundaryBranches, invalidBranches } from './invalid/branch-candidates.ts';
import { boundaryEnumeration, invalidEnumeration } from './invalid/enum-candidates.ts';
import { boundaryFormat, invalidFormat, nearMissFormat } from './invalid/format-candidates.ts';
import { edgeBranches, nearMissBranches } from './invalid/branch-near-misses.ts';
import { patternEdges, patternNearMisses } from './invalid/pattern-near-misses.ts';
import {
  boundaryExclusiveMaximum,
  boundaryExclusiveMinimum,
  boundaryMaximum,
  boundaryMinimum,
  invalidExclusiveMaximum,
  invalidExclusiveMinimum,
  invalidMaximum,
  invalidMinimum,
  invalidMultipleOf,
} from './invalid/numeric-candidates.ts';
import { boundaryAdditionalProperties, boundaryPropertyNames, invalidAdditionalProperties, invalidPropertyNames } from './invalid/object-candidates.ts';
import { boundaryMaxLength, boundaryMinLength, invalidMaxLength, invalidMinLength, invalidPattern } from './invalid/string-candidates.ts';
import { invalidType } from './invalid/type-candidates.ts';
import type { JsonSchemaNode } from '../engine/schema/json-schema-node.ts';
import { oncePerSchema } from './schema/once-per-schema.ts';

/** The groups of several makers, in order: far-off values first, then the near misses. */
function together(...makers: CandidateMaker[]): CandidateMaker {
  return (node, candidateKit) => makers.flatMap((make) => make(node, candidateKit));
}

/** Per keyword: the candidates that break it. `required` has none: the caller unsets the property. */
const INVALID: Record<string, CandidateMaker> = {
  type: invalidType,
  enum: invalidEnumeration,
  const: invalidEnumeration,
  pattern: together(invalidPattern, patternNearMisses),
  minLength: invalidMinLength,
  maxLength: invalidMaxLength,
  format: together(invalidFormat, nearMissFormat),
  minimum: invalidMinimum,
  maximum: invalidMaximum,
  exclusiveMinimum: invalidExclusiveMinimum,
  exclusiveMaximum: invalidExclusiveMaximum,
  multipleOf: invalidMultipleOf,
  anyOf: together(invalidBranches('anyOf'), nearMissBranches('anyOf')),
  oneOf: together(invalidBranches('oneOf'), nearMissBranches('oneOf')),
  minItems: invalidMinItems,
  maxItems: invalidMaxItems,
  uniqueItems: invalidUniqueItems,
  items: invalidItems,
  additionalProperties: invalidAdditionalProperties,
  propertyNames: invalidPropertyNames,
};

/** Per keyword: valid values on its edge, the ones a server is most likely to refuse wrongly. */
const BOUNDARY: Record<string, CandidateMaker> = {
  enum: boundaryEnumeration,
  const: boundaryEnumeration,
  minLength: boundaryMinLength,
  maxLength: boundaryMaxLength,
  pattern: patternEdges,
  format: boundaryFormat,
  minimum: boundaryMinimum,
  maximum: boundaryMaximum,
  exclusiveMinimum: boundaryExclusiveMinimum,
  exclusiveMaximum: boundaryExclusiveMaximum,
  anyOf: together(boundaryBranches('anyOf'), edgeBranches('anyOf')),
  oneOf: together(boundaryBranches('oneOf'), edgeBranches('oneOf')),
  minItems: boundaryMinItems,
  maxItems: boundaryMaxItems,
  additionalProperties: boundaryAdditionalProperties,
  propertyNames: boundaryPropertyNames,
};

const kit: CandidateKit = { invalidValuesFor, boundaryValidValuesFor };

/**
 * A short, deterministic list of values that break exactly that keyword of the node, keeping its
 * other keywords where possible (ajv confirms each value fails on that keyword). Empty for a
 * keyword the node lacks, for `required` (the caller unsets the property) and for keywords
 * without a catalogue.
 */
export function invalidValuesFor(schema: JsonSchemaNode, keyword: string): unknown[] {
  return invalidOnce(schema, keyword);
}

const invalidOnce = oncePerSchema('invalid', (schema: JsonSchemaNode, keyword: string): unknown[] => {
  const make = INVALID[keyword];
  if (!make || !(keyword in schema)) return [];
  return pickInvalid(schema, keyword, make(schema, kit));
});

/**
 * Valid values just inside the keyword's boundary (maxLength exactly max in ASCII and in astral
 * characters, minimum, maxItems, each enum member, the cidr edges…), each accepted by ajv
 * against the whole node.
 */
export function boundaryValidValuesFor(schema: JsonSchemaNode, keyword: string): unknown[] {
  return boundaryOnce(schema, keyword);
}

const boundaryOnce = oncePerSchema('boundary', (schema: JsonSchemaNode, keyword: string): unknown[] => {
  const make = BOUNDARY[keyword];
  if (!make || !(keyword in schema)) return [];
  return pickValid(schema, make(schema, kit));
});
