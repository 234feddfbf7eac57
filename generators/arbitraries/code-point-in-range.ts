import fc from 'fast-check';

/** One character whose code point lies in [first, last]. */
export function codePointInRange(first: number, last: number): fc.Arbitrary<string> {
  return fc.integer({ min: first, max: last }).map(
    (codePoint) => String.fromCodePoint(codePoint),
    (character) => {
      if (typeof character !== 'string') throw new Error('not a character');
      return character.codePointAt(0) ?? first;
    },
  );
}
