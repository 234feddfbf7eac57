import fc from 'fast-check';
import { integerInRange } from '../arbitraries/integer-in-range.ts';
import { numberInRange } from '../arbitraries/number-in-range.ts';
import { numberKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { integerBounds, isMultipleOf, numberBounds } from './numeric-bounds.ts';

/** Integers of a `type: integer` node: within minimum/maximum/exclusive*, often on the declared bounds. */
export function integerSchemaValue(node: JsonSchemaNode): fc.Arbitrary<number> | undefined {
  const { min, max, declared } = integerBounds(node);
  if (min > max) return undefined;
  const step = numberKeyword(node, 'multipleOf');
  if (step !== undefined && Number.isInteger(step) && step > 0) {
    if (Math.ceil(min / step) > Math.floor(max / step)) return undefined;
    return integerInRange({ min, max, boundaries: declared, step });
  }
  const values = integerInRange({ min, max, boundaries: declared });
  return step === undefined ? values : values.filter((value) => isMultipleOf(value, step));
}

/** Numbers of a `type: number` node: whole and fractional, within the bounds, often on inclusive ones. */
export function numberSchemaValue(node: JsonSchemaNode): fc.Arbitrary<number> | undefined {
  const bounds = numberBounds(node);
  if (bounds.min > bounds.max || (bounds.min === bounds.max && (bounds.minExcluded || bounds.maxExcluded))) return undefined;
  const anywhere = numberInRange(bounds);
  const values = bounds.declared.length
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...bounds.declared) }, { weight: 4, arbitrary: anywhere })
    : anywhere;
  const step = numberKeyword(node, 'multipleOf');
  if (step === undefined) return values;
  const integers = integerSchemaValue(node);
  return integers ? integers.filter((value) => isMultipleOf(value, step)) : values.filter((value) => isMultipleOf(value, step));
}
