import { uniqueJson } from '../schema/canonical-json.ts';
import type { JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { breaksKeyword, breaksOnlyKeyword, satisfies } from './keyword-verdicts.ts';

/**
 * Candidates come in groups: one group per intent (an ASCII string one too long, an astral one
 * too long…), its members alternatives in order of preference. At most one value per group is
 * kept, so the lists stay short and each value means something.
 */
export type CandidateGroup = readonly unknown[];

/** What a keyword's candidate maker may call back into: the two public functions, for subschemas. */
export interface CandidateKit {
  invalidValuesFor(schema: JsonSchemaNode, keyword: string): unknown[];
  boundaryValidValuesFor(schema: JsonSchemaNode, keyword: string): unknown[];
}

export type CandidateMaker = (node: JsonSchemaNode, kit: CandidateKit) => CandidateGroup[];

function firstWhere(group: CandidateGroup, accept: (value: unknown) => boolean): unknown[] {
  const index = group.findIndex(accept);
  return index === -1 ? [] : [group[index]];
}

/**
 * Per group, the first value that breaks the keyword and nothing else; failing that, the first
 * that breaks the keyword at all (some keywords cannot be broken alone: `7` for a string enum
 * also breaks the enum).
 */
export function pickInvalid(node: JsonSchemaNode, keyword: string, groups: CandidateGroup[]): unknown[] {
  const picked = groups.flatMap((group) => {
    const alone = firstWhere(group, (value) => breaksOnlyKeyword(node, keyword, value));
    return alone.length ? alone : firstWhere(group, (value) => breaksKeyword(node, keyword, value));
  });
  return uniqueJson(picked);
}

/** Per group, the first value the whole node accepts. */
export function pickValid(node: JsonSchemaNode, groups: CandidateGroup[]): unknown[] {
  return uniqueJson(groups.flatMap((group) => firstWhere(group, (value) => satisfies(node, value))));
}
