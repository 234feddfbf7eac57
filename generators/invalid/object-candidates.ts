import { exampleValuesFor } from '../schema/example-values.ts';
import {
  constraintKeywords,
  isSchemaNode,
  schemaKeyword,
  schemaMapKeyword,
  type JsonSchema,
  type JsonSchemaNode,
} from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from '../schema/schema-validator.ts';
import type { CandidateGroup, CandidateKit } from './candidate-groups.ts';

const EXTRA_KEY_NAMES = ['unexpected_property', 'extra', 'x', 'zz'];

function baseObject(node: JsonSchemaNode): Record<string, unknown> {
  const example = exampleValuesFor(node).find((value) => isSchemaNode(value));
  return isSchemaNode(example) ? example : {};
}

function withEntry(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return Object.fromEntries([...Object.entries(object).filter(([name]) => name !== key), [key, value]]);
}

/** A key no property or pattern declares and propertyNames accepts: where additionalProperties applies. */
function extraKey(node: JsonSchemaNode): string | undefined {
  const declared = schemaMapKeyword(node, 'properties');
  const patterns = Object.keys(schemaMapKeyword(node, 'patternProperties'));
  const names = schemaKeyword(node, 'propertyNames');
  const fromNames = names === undefined ? [] : exampleValuesFor({ allOf: [{ type: 'string' }, names] });
  return [...EXTRA_KEY_NAMES, ...fromNames]
    .filter((key): key is string => typeof key === 'string')
    .find(
      (key) => !(key in declared) && !patterns.some((pattern) => new RegExp(pattern, 'u').test(key)) && (names === undefined || isValidAgainst(names, key)),
    );
}

/** A valid value for an extra key: from additionalProperties when it is a schema. */
function extraValue(node: JsonSchemaNode): unknown {
  const additional = schemaKeyword(node, 'additionalProperties');
  return isSchemaNode(additional) ? (exampleValuesFor(additional)[0] ?? 'value') : 'value';
}

/** false: the object plus one unknown key. A schema: the object plus an extra key whose value breaks one of its keywords. */
export function invalidAdditionalProperties(node: JsonSchemaNode, kit: CandidateKit): CandidateGroup[] {
  const additional = schemaKeyword(node, 'additionalProperties');
  const base = baseObject(node);
  if (additional === false) {
    return [[withEntry(base, extraKey(node) ?? 'unexpected_property', 'unexpected')]];
  }
  const key = extraKey(node);
  if (!isSchemaNode(additional) || key === undefined) return [];
  return constraintKeywords(additional).map((keyword) => kit.invalidValuesFor(additional, keyword).map((bad) => withEntry(base, key, bad)));
}

export function boundaryAdditionalProperties(node: JsonSchemaNode, kit: CandidateKit): CandidateGroup[] {
  const additional = schemaKeyword(node, 'additionalProperties');
  const key = extraKey(node);
  if (!isSchemaNode(additional) || key === undefined) return [];
  const base = baseObject(node);
  return constraintKeywords(additional).flatMap((keyword) => kit.boundaryValidValuesFor(additional, keyword).map((value) => [withEntry(base, key, value)]));
}

/** propertyNames read as a string schema: key names are always strings. */
function nameSchema(names: JsonSchema): JsonSchemaNode {
  return isSchemaNode(names) ? { type: 'string', ...names } : names ? { type: 'string' } : { not: {} };
}

function keyedObjects(node: JsonSchemaNode, keys: unknown[]): CandidateGroup[] {
  const base = baseObject(node);
  const value = extraValue(node);
  return keys.filter((key): key is string => typeof key === 'string').map((key) => [withEntry(base, key, value)]);
}

/** Objects with one key that breaks a keyword of propertyNames (a key of 256 characters, an empty key…). */
export function invalidPropertyNames(node: JsonSchemaNode, kit: CandidateKit): CandidateGroup[] {
  const names = schemaKeyword(node, 'propertyNames');
  if (names === undefined) return [];
  if (names === false) return keyedObjects(node, ['x']);
  const asString = nameSchema(names);
  const keywords = constraintKeywords(asString).filter((keyword) => keyword !== 'type');
  return keyedObjects(
    node,
    keywords.flatMap((keyword) => kit.invalidValuesFor(asString, keyword)),
  );
}

/** Objects with one key on a boundary of propertyNames (1 character, 255 ASCII, 255 astral…). */
export function boundaryPropertyNames(node: JsonSchemaNode, kit: CandidateKit): CandidateGroup[] {
  const names = schemaKeyword(node, 'propertyNames');
  if (!isSchemaNode(names)) return [];
  const asString = nameSchema(names);
  return keyedObjects(
    node,
    constraintKeywords(asString).flatMap((keyword) => kit.boundaryValidValuesFor(asString, keyword)),
  );
}
