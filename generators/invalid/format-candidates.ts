import { stringKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup } from './candidate-groups.ts';
import { FORMAT_CATALOGUE } from './format-catalogue.ts';

function formatOf(node: JsonSchemaNode): string {
  return stringKeyword(node, 'format') ?? '';
}

export function invalidFormat(node: JsonSchemaNode): CandidateGroup[] {
  return (FORMAT_CATALOGUE[formatOf(node)]?.invalid ?? []).map((value) => [value]);
}

/** One step outside the format, each its own group: every near miss is a different sloppy check it catches. */
export function nearMissFormat(node: JsonSchemaNode): CandidateGroup[] {
  return (FORMAT_CATALOGUE[formatOf(node)]?.nearMiss ?? []).map((value) => [value]);
}

export function boundaryFormat(node: JsonSchemaNode): CandidateGroup[] {
  return (FORMAT_CATALOGUE[formatOf(node)]?.boundary ?? []).map((value) => [value]);
}
