import { declaredTypes, type JsonSchemaNode, type JsonType } from '../../engine/schema/json-schema-node.ts';
import { integerBounds } from '../schema/numeric-bounds.ts';
import type { CandidateGroup } from './candidate-groups.ts';

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Values of JSON types the node does not allow, each type its own group: for `integer` a
 * fraction (1.5), a numeric string ("7") within the node's bounds where possible, and a word
 * ("seven"); for `boolean` "true" and a word ("maybe"); for
 * `string` a number, a boolean, null, an object and an array.
 */
export function invalidType(node: JsonSchemaNode): CandidateGroup[] {
  const allowed = declaredTypes(node);
  if (!allowed) return [];
  const allows = (type: JsonType) => allowed.includes(type);
  const numeric = allows('integer') || allows('number');
  const { min, max } = integerBounds(node);
  const one = clamp(1, min, max);
  const seven = clamp(7, min, max);
  const groups: CandidateGroup[] = [];
  if (allows('integer') && !allows('number')) groups.push([1.5, one + 0.5]);
  if (!numeric) groups.push([7]);
  if (!allows('string')) groups.push(numeric ? ['7', String(seven)] : allows('boolean') ? ['true'] : ['7']);
  // A numeric string or "true" may be tolerated where a document's own example sends one (the
  // lenient reading); a word that no reading takes for a number or a flag never is.
  if (!allows('string') && (numeric || allows('boolean'))) groups.push([numeric ? 'seven' : 'maybe']);
  if (!allows('boolean')) groups.push([true]);
  if (!allows('null')) groups.push([null]);
  if (!allows('object')) groups.push([{}]);
  if (!allows('array')) groups.push([[]]);
  return groups;
}
