/**
 * What YAML reads in text that is JSON as JSON.stringify writes it (no whitespace, no escape,
 * no repeated key), printable ASCII and short: JSON.parse reads the same there, many times
 * faster (a generated template is often such text). Undefined for any other text: the YAML
 * parser reads it.
 */

/** Printable ASCII without a backslash: no escape (whose YAML and JSON readings differ) can occur. */
const PLAIN_TEXT = /^[\x20-\x5b\x5d-\x7e]*$/;

/** YAML limits an implicit key to 1024 characters: shorter text cannot hold a longer key. */
const LONGEST = 1000;

export function canonicalJsonObject(text: string): { value: unknown } | undefined {
  if (text.length > LONGEST || !text.startsWith('{') || text.includes('__proto__') || !PLAIN_TEXT.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Written back the same: no whitespace, no repeated key, every number as JavaScript writes it.
  return JSON.stringify(value) === text ? { value } : undefined;
}
