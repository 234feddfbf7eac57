import fc from 'fast-check';

export interface LengthBounds {
  min: number;
  max: number;
  /** Whether `max` is a limit the schema declares (then it is a boundary worth hitting), not a cap. */
  maxIsDeclared: boolean;
}

/**
 * A length in [min, max], biased the way boundary testing wants it: mostly small lengths near
 * the minimum, often exactly the bounds (and one inside them), sometimes anything in between.
 */
export function biasedLength({ min, max, maxIsDeclared }: LengthBounds): fc.Arbitrary<number> {
  if (max <= min) return fc.constant(min);
  const boundaries = [min, min + 1, ...(maxIsDeclared ? [max - 1, max] : [])].filter((length) => length >= min && length <= max);
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min, max: Math.min(max, min + 8) }) },
    { weight: 2, arbitrary: fc.constantFrom(...new Set(boundaries)) },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
  );
}
