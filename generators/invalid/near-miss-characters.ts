/**
 * The characters near misses and edge values are made of, as data. Each list is tried in order;
 * ajv keeps only what the pattern really rejects (or accepts, for edges).
 */

/** Put in place of one character: punctuation that identifiers, codes and paths seldom allow. */
export const FOREIGN_CHARACTERS = ['!', '|', '#', '@', '$', '*', ','];

/** Appended after a valid value: the separator a list-minded or sloppy check lets trail. */
export const TRAILING_CHARACTERS = [',', ';', '!', '|', '-', '.', '/'];

/** Letters outside ASCII, Latin first: what an ASCII-only pattern must refuse and `isalpha()` would not. */
export const NON_ASCII_LETTERS = ['é', 'ß', 'ж'];

/** Put inside a token: a value with a space in the middle is two words. */
export const SPACE = ' ';

/**
 * Characters a valid value may end with or be grown by, edge classes first: RFC 3986's unreserved
 * punctuation (which no reasonable server refuses where the pattern allows it), then the last
 * letters and digits. Anything outside that set risks a refusal the document did not mean.
 */
export const EDGE_CHARACTERS = ['-', '.', '_', '~', 'Z', 'z', '9', '0'];

/** How far a value is grown or shrunk, one character at a time, looking for the pattern's edge. */
export const LENGTH_PROBE_LIMIT = 300;
