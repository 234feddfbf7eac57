import { exampleValuesFor } from '../schema/example-values.ts';
import { declaredTypes, numberKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup } from './candidate-groups.ts';

function isIntegerOnly(node: JsonSchemaNode): boolean {
  const types = declaredTypes(node) ?? [];
  return types.includes('integer') && !types.includes('number');
}

/** The adjacent double toward +∞ (or −∞): the value just inside an exclusive bound of a `number`. */
export function adjacentDouble(value: number, direction: 1 | -1): number {
  if (value === 0) return direction * Number.MIN_VALUE;
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, value);
  const bits = buffer.getBigInt64(0);
  const awayFromZero = value > 0 === direction > 0;
  buffer.setBigInt64(0, awayFromZero ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

function bound(node: JsonSchemaNode, keyword: string): number | undefined {
  return numberKeyword(node, keyword);
}

export function invalidMinimum(node: JsonSchemaNode): CandidateGroup[] {
  const min = bound(node, 'minimum');
  if (min === undefined) return [];
  return [[isIntegerOnly(node) ? Math.ceil(min) - 1 : min - 1]];
}

export function invalidMaximum(node: JsonSchemaNode): CandidateGroup[] {
  const max = bound(node, 'maximum');
  if (max === undefined) return [];
  return [[isIntegerOnly(node) ? Math.floor(max) + 1 : max + 1]];
}

/** The bound itself, then one below it. */
export function invalidExclusiveMinimum(node: JsonSchemaNode): CandidateGroup[] {
  const limit = bound(node, 'exclusiveMinimum');
  if (limit === undefined) return [];
  const onBound = isIntegerOnly(node) ? Math.floor(limit) : limit;
  return [[onBound], [onBound - 1]];
}

export function invalidExclusiveMaximum(node: JsonSchemaNode): CandidateGroup[] {
  const limit = bound(node, 'exclusiveMaximum');
  if (limit === undefined) return [];
  const onBound = isIntegerOnly(node) ? Math.ceil(limit) : limit;
  return [[onBound], [onBound + 1]];
}

export function boundaryMinimum(node: JsonSchemaNode): CandidateGroup[] {
  const min = bound(node, 'minimum');
  return min === undefined ? [] : [[isIntegerOnly(node) ? Math.ceil(min) : min]];
}

export function boundaryMaximum(node: JsonSchemaNode): CandidateGroup[] {
  const max = bound(node, 'maximum');
  return max === undefined ? [] : [[isIntegerOnly(node) ? Math.floor(max) : max]];
}

export function boundaryExclusiveMinimum(node: JsonSchemaNode): CandidateGroup[] {
  const limit = bound(node, 'exclusiveMinimum');
  return limit === undefined ? [] : [[isIntegerOnly(node) ? Math.floor(limit) + 1 : adjacentDouble(limit, 1)]];
}

export function boundaryExclusiveMaximum(node: JsonSchemaNode): CandidateGroup[] {
  const limit = bound(node, 'exclusiveMaximum');
  return limit === undefined ? [] : [[isIntegerOnly(node) ? Math.ceil(limit) - 1 : adjacentDouble(limit, -1)]];
}

/** A number next to a valid multiple that is not itself one (an integer when the node wants integers). */
export function invalidMultipleOf(node: JsonSchemaNode): CandidateGroup[] {
  const step = bound(node, 'multipleOf');
  if (step === undefined) return [];
  const multiples = exampleValuesFor(node).filter((value): value is number => typeof value === 'number');
  const offsets = isIntegerOnly(node) ? [1, -1] : [step / 2, 1, -1];
  return [[...multiples, step].flatMap((multiple) => offsets.map((offset) => multiple + offset))];
}
