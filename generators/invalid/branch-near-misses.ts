import { isSchemaNode, schemaListKeyword, withoutKeywords, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup } from './candidate-groups.ts';
import { boundaryFormat, nearMissFormat } from './format-candidates.ts';
import { patternEdges, patternNearMisses } from './pattern-near-misses.ts';

type BranchKeyword = 'anyOf' | 'oneOf';

/** Each branch with the parent's constraints (its `type`) beside its own, as one node. */
function branchesWithParent(node: JsonSchemaNode, keyword: BranchKeyword): JsonSchemaNode[] {
  const parent = withoutKeywords(node, keyword);
  return (schemaListKeyword(node, keyword) ?? []).filter(isSchemaNode).map((branch) => ({ ...parent, ...branch }));
}

/**
 * The near misses of every branch's format, each its own group (fixed_ip: an IPv4 octet of 256,
 * an IPv6 group of five digits), and one of each branch's pattern: beside a format (a UUID or 32
 * hex digits) the format's near misses already miss the pattern by one. candidate-groups.ts keeps
 * only values no branch accepts: `10.0.0.256` is a hostname, so no near miss of "IPv4 or hostname".
 */
export function nearMissBranches(keyword: BranchKeyword) {
  return (node: JsonSchemaNode): CandidateGroup[] =>
    branchesWithParent(node, keyword).flatMap((branch) => [...nearMissFormat(branch), patternNearMisses(branch).flat()]);
}

/** The edge values of every branch's format and pattern. */
export function edgeBranches(keyword: BranchKeyword) {
  return (node: JsonSchemaNode): CandidateGroup[] =>
    branchesWithParent(node, keyword).flatMap((branch) => [...boundaryFormat(branch), ...patternEdges(branch)]);
}
