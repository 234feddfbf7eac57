import fc from 'fast-check';
import { codePointInRange } from './code-point-in-range.ts';

/**
 * One code point, as JSON Schema counts characters: mostly printable ASCII, with accented
 * Latin letters, lone combining marks (U+0300–U+036F), CJK and astral characters (emoji and
 * CJK Extension B, each a surrogate pair in UTF-16) mixed in, so length limits are exercised
 * where code units, bytes and code points disagree.
 */
export function unicodeCharacter(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: codePointInRange(0x20, 0x7e) },
    { weight: 3, arbitrary: codePointInRange(0xc0, 0x17f) },
    { weight: 1, arbitrary: codePointInRange(0x300, 0x36f) },
    { weight: 1, arbitrary: codePointInRange(0x4e00, 0x9fff) },
    { weight: 2, arbitrary: codePointInRange(0x1f300, 0x1f64f) },
    { weight: 1, arbitrary: codePointInRange(0x20000, 0x2a6df) },
  );
}
