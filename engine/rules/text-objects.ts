import { parseDocument } from 'yaml';

export type TextMediaType = 'application/json' | 'application/yaml';

/** Thrown for text that does not parse: a YAML document with any error counts as unreadable, not as what was read of it. */
function parseYamlStrictly(text: string): unknown {
  const document = parseDocument(text, { logLevel: 'silent' });
  if (document.errors.length > 0) throw document.errors[0];
  return document.toJS();
}

const PARSERS: Record<TextMediaType, (text: string) => unknown> = {
  'application/json': (text) => JSON.parse(text),
  'application/yaml': parseYamlStrictly,
};

/** The value the text holds under a media type, or undefined when it does not parse. */
export function parseText(text: string, mediaType: TextMediaType): { value: unknown } | undefined {
  try {
    return { value: PARSERS[mediaType](text) };
  } catch {
    return undefined;
  }
}

/** Does the text hold an object (a JSON object, a YAML mapping) under this media type? */
export function holdsObject(text: string, mediaType: TextMediaType): boolean {
  const parsed = parseText(text, mediaType)?.value;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
}
