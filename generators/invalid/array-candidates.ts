import { exampleValuesFor } from '../schema/example-values.ts';
import { constraintKeywords, isSchemaNode, numberKeyword, schemaKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup, CandidateKit } from './candidate-groups.ts';

function itemExamples(node: JsonSchemaNode, count: number): unknown[] {
  return exampleValuesFor(schemaKeyword(node, 'items') ?? true, Math.max(count, 1));
}

/** Arrays of `length` valid items: distinct items first (uniqueItems), then one item repeated. */
function arraysOfLength(node: JsonSchemaNode, length: number): unknown[][] {
  if (length < 0) return [];
  const examples = itemExamples(node, length);
  const first = examples[0];
  const distinct = examples.length >= length ? [examples.slice(0, length)] : [];
  const repeated = first === undefined && length > 0 ? [] : [Array.from({ length }, () => first)];
  return [...distinct, ...repeated];
}

export function invalidMinItems(node: JsonSchemaNode): CandidateGroup[] {
  const min = numberKeyword(node, 'minItems') ?? 0;
  return min > 0 ? [arraysOfLength(node, min - 1)] : [];
}

export function invalidMaxItems(node: JsonSchemaNode): CandidateGroup[] {
  const max = numberKeyword(node, 'maxItems');
  return max === undefined ? [] : [arraysOfLength(node, max + 1)];
}

export function boundaryMinItems(node: JsonSchemaNode): CandidateGroup[] {
  const min = numberKeyword(node, 'minItems');
  return min === undefined ? [] : [arraysOfLength(node, min)];
}

export function boundaryMaxItems(node: JsonSchemaNode): CandidateGroup[] {
  const max = numberKeyword(node, 'maxItems');
  return max === undefined ? [] : [arraysOfLength(node, max)];
}

/** The same valid item twice, padded with other items up to minItems. */
export function invalidUniqueItems(node: JsonSchemaNode): CandidateGroup[] {
  if (node.uniqueItems !== true) return [];
  const min = numberKeyword(node, 'minItems') ?? 0;
  const examples = itemExamples(node, Math.max(min, 2));
  const [first, ...others] = examples;
  if (first === undefined) return [];
  return [[[first, first, ...others.slice(0, Math.max(0, min - 2))]]];
}

/** Arrays holding one item that breaks a keyword of `items` (the other items valid, minItems kept). */
export function invalidItems(node: JsonSchemaNode, kit: CandidateKit): CandidateGroup[] {
  const items = schemaKeyword(node, 'items');
  if (!isSchemaNode(items)) return [];
  const min = numberKeyword(node, 'minItems') ?? 0;
  const fillers = itemExamples(node, Math.max(min - 1, 1)).slice(0, Math.max(min - 1, 0));
  return constraintKeywords(items).map((keyword) => kit.invalidValuesFor(items, keyword).map((bad) => [bad, ...fillers]));
}
