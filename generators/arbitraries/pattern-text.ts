import fc from 'fast-check';
import { codePointLength } from '../schema/code-points.ts';

/** A JSON Schema `pattern` as ajv compiles it: an ECMAScript regex with the `u` flag, unanchored. */
export function patternRegExp(pattern: string): RegExp {
  return new RegExp(pattern, 'u');
}

/** fast-check clamps the regex to maxLength, and refuses when the regex needs more: then it filters instead. */
function matchingAtMost(regex: RegExp, maxLength: number | undefined): fc.Arbitrary<string> {
  if (maxLength === undefined) return fc.stringMatching(regex);
  try {
    return fc.stringMatching(regex, { maxLength });
  } catch {
    return fc.stringMatching(regex).filter((text) => codePointLength(text) <= maxLength);
  }
}

/**
 * Building a regex arbitrary costs milliseconds (fast-check parses the regex and clamps it to
 * maxLength); arbitraries are immutable, so each (pattern, bounds) is built once per process.
 */
const built = new Map<string, fc.Arbitrary<string>>();

/** A text matching the pattern whose length in code points lies within the declared bounds. */
export function patternText(pattern: string, minLength: number, maxLength: number | undefined): fc.Arbitrary<string> {
  const key = JSON.stringify([pattern, minLength, maxLength]);
  let arbitrary = built.get(key);
  if (!arbitrary) {
    const matching = matchingAtMost(patternRegExp(pattern), maxLength);
    arbitrary = minLength > 0 ? matching.filter((text) => codePointLength(text) >= minLength) : matching;
    built.set(key, arbitrary);
  }
  return arbitrary;
}
