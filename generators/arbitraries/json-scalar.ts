import fc from 'fast-check';

/** Any small JSON scalar: what an unconstrained schema (`{}`, `true`) gets. */
export function jsonScalar(): fc.Arbitrary<string | number | boolean | null> {
  return fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 8 }));
}
