import { exampleValuesFor } from '../schema/example-values.ts';
import {
  JSON_TYPES,
  declaredTypes,
  isSchemaNode,
  schemaListKeyword,
  withoutKeywords,
  type JsonSchemaNode,
  type JsonType,
} from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from '../schema/schema-validator.ts';
import type { CandidateGroup } from './candidate-groups.ts';

type BranchKeyword = 'anyOf' | 'oneOf';

const REPRESENTATIVES: Record<JsonType, unknown[]> = {
  string: ['not-valid', '!', '', '0', 'a'],
  integer: [-1, 0, 7, 1_000_001],
  number: [1.5, -1.5],
  boolean: [true, false],
  null: [null],
  object: [{}],
  array: [[]],
};

/** The parent's types; without them, the types the branches declare; without those, every type. */
function typesToTry(node: JsonSchemaNode, keyword: BranchKeyword): JsonType[] {
  const own = declaredTypes(node);
  if (own) return own;
  const branches = schemaListKeyword(node, keyword) ?? [];
  const perBranch = branches.map((branch) => (isSchemaNode(branch) ? declaredTypes(branch) : undefined));
  if (perBranch.every((types) => types !== undefined)) return [...new Set(perBranch.flatMap((types) => types ?? []))];
  return [...JSON_TYPES];
}

/** A value that satisfies two or more `oneOf` branches: drawn from each branch's examples. */
function inSeveralBranches(node: JsonSchemaNode): unknown[] {
  const branches = schemaListKeyword(node, 'oneOf') ?? [];
  const parent = withoutKeywords(node, 'oneOf');
  return branches
    .flatMap((branch) => exampleValuesFor({ allOf: [parent, branch] }))
    .filter((value) => branches.filter((branch) => isValidAgainst(branch, value)).length >= 2);
}

/** Values of the parent's type that match no branch (for oneOf, also one that matches two). */
export function invalidBranches(keyword: BranchKeyword) {
  return (node: JsonSchemaNode): CandidateGroup[] => {
    const branches = schemaListKeyword(node, keyword) ?? [];
    const inNoBranch = (value: unknown) => branches.every((branch) => !isValidAgainst(branch, value));
    const groups: CandidateGroup[] = typesToTry(node, keyword).map((type) => REPRESENTATIVES[type].filter(inNoBranch));
    return keyword === 'oneOf' ? [...groups, inSeveralBranches(node)] : groups;
  };
}

/** One valid value per branch, the parent's constraints merged in. */
export function boundaryBranches(keyword: BranchKeyword) {
  return (node: JsonSchemaNode): CandidateGroup[] => {
    const parent = withoutKeywords(node, keyword);
    return (schemaListKeyword(node, keyword) ?? []).map((branch) => exampleValuesFor({ allOf: [parent, branch] }));
  };
}
