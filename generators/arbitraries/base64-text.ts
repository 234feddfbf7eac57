import fc from 'fast-check';

/** The `byte` format: padded base64 whose length (a multiple of 4) lies in [minLength, maxLength]. */
export function base64Text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const min = Math.ceil(minLength / 4) * 4;
  const max = Math.floor(maxLength / 4) * 4;
  return fc.base64String({ minLength: min, maxLength: Math.max(min, max) });
}
