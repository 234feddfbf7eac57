import { jsonEqual } from '../schema/canonical-json.ts';
import { enumeratedValues, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup } from './candidate-groups.ts';

function caseVariants(text: string): string[] {
  const swapped = [...text].map((character) => (character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase())).join('');
  return [text.toLowerCase(), text.toUpperCase(), swapped];
}

/**
 * Values of the members' own types that are not members: a member in another letter case
 * (`ping` for `PING`), the empty string, a number past the largest, the missing boolean.
 */
export function invalidEnumeration(node: JsonSchemaNode): CandidateGroup[] {
  const members = enumeratedValues(node) ?? [];
  const outside = (value: unknown) => !members.some((member) => jsonEqual(member, value));
  const strings = members.filter((member): member is string => typeof member === 'string');
  const numbers = members.filter((member): member is number => typeof member === 'number');
  const booleans = members.filter((member): member is boolean => typeof member === 'boolean');
  const groups: unknown[][] = [];
  if (strings.length) groups.push(strings.flatMap(caseVariants), ['', `${strings[0] ?? ''}-unknown`]);
  if (numbers.length) groups.push([Math.max(...numbers) + 1, Math.min(...numbers) - 1]);
  if (booleans.length) groups.push([true, false]);
  if (!strings.length && !numbers.length && !booleans.length) groups.push(['not-a-member', 0, false, {}]);
  return groups.map((group) => group.filter(outside));
}

/** Every member, each a valid value the server must accept. */
export function boundaryEnumeration(node: JsonSchemaNode): CandidateGroup[] {
  return (enumeratedValues(node) ?? []).map((member) => [member]);
}
