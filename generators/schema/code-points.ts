/**
 * Lengths as JSON Schema counts them: ajv's `minLength`/`maxLength` count Unicode code points
 * (a surrogate pair is one character; a combining mark is a character of its own).
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

export function codePoints(text: string): string[] {
  return [...text];
}

/** The first `count` code points of a text. */
export function firstCodePoints(text: string, count: number): string {
  return codePoints(text).slice(0, Math.max(0, count)).join('');
}

export function lastCodePoint(text: string): string | undefined {
  return codePoints(text).at(-1);
}

export function isAstral(character: string): boolean {
  return (character.codePointAt(0) ?? 0) > 0xffff;
}

export function hasAstralCharacter(text: string): boolean {
  return codePoints(text).some(isAstral);
}

export function hasCombiningMark(text: string): boolean {
  return /[\u0300-\u036f]/u.test(text);
}

export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
