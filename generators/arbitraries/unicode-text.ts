import fc from 'fast-check';
import { boundedMemo } from '../../engine/bounded-memo.ts';
import { biasedLength, type LengthBounds } from './biased-length.ts';
import { unicodeCharacter } from './unicode-character.ts';

/**
 * One character arbitrary for every text: fast-check tokenizes its edge-case strings once per
 * character arbitrary (about 0.2 ms each time), and a length is drawn for every text.
 */
const CHARACTER = unicodeCharacter();

/** A text of `length` code points drawn from `unicodeCharacter`; arbitraries are immutable, so one per length is shared. */
export const unicodeTextOfLength: (length: number) => fc.Arbitrary<string> = boundedMemo(1024, (length: number) =>
  fc.string({ unit: CHARACTER, minLength: length, maxLength: length }),
);

/** A text whose length in code points lies within the bounds, biased toward small and boundary lengths. */
export function unicodeText(bounds: LengthBounds): fc.Arbitrary<string> {
  return biasedLength(bounds).chain(unicodeTextOfLength);
}
