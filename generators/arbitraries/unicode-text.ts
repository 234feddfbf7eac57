import fc from 'fast-check';
import { biasedLength, type LengthBounds } from './biased-length.ts';
import { unicodeCharacter } from './unicode-character.ts';

/** A text of `length` code points drawn from `unicodeCharacter`. */
export function unicodeTextOfLength(length: number): fc.Arbitrary<string> {
  return fc.string({ unit: unicodeCharacter(), minLength: length, maxLength: length });
}

/** A text whose length in code points lies within the bounds, biased toward small and boundary lengths. */
export function unicodeText(bounds: LengthBounds): fc.Arbitrary<string> {
  return biasedLength(bounds).chain(unicodeTextOfLength);
}
