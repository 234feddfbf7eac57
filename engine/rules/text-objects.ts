import { parseDocument } from 'yaml';
import { boundedMemo } from '../bounded-memo.ts';
import { canonicalJsonObject } from './canonical-json-text.ts';

export type TextMediaType = 'application/json' | 'application/yaml';

/** Thrown for text that does not parse: a YAML document with any error counts as unreadable, not as what was read of it. */
function parseYamlStrictly(text: string): unknown {
  const json = canonicalJsonObject(text);
  if (json) return json.value;
  const document = parseDocument(text, { logLevel: 'silent' });
  if (document.errors.length > 0) throw document.errors[0];
  return document.toJS();
}

const PARSERS: Record<TextMediaType, (text: string) => unknown> = {
  'application/json': (text) => JSON.parse(text),
  'application/yaml': parseYamlStrictly,
};

/** A value frozen at every depth: a parse shared between callers cannot be changed by one of them. */
function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFrozen(inner);
  }
  return value;
}

function parsedBy(mediaType: TextMediaType): (text: string) => { value: unknown } | undefined {
  // The same template is read for every rule on it, under both readings, in every request that carries it.
  return boundedMemo(256, (text) => {
    try {
      return deepFrozen({ value: PARSERS[mediaType](text) });
    } catch {
      return undefined;
    }
  });
}

const PARSED: Record<TextMediaType, (text: string) => { value: unknown } | undefined> = {
  'application/json': parsedBy('application/json'),
  'application/yaml': parsedBy('application/yaml'),
};

/** The value the text holds under a media type, or undefined when it does not parse. The value is shared and frozen: read it, do not change it. */
export function parseText(text: string, mediaType: TextMediaType): { value: unknown } | undefined {
  return PARSED[mediaType](text);
}

/** Does the text hold an object (a JSON object, a YAML mapping) under this media type? */
export function holdsObject(text: string, mediaType: TextMediaType): boolean {
  const parsed = parseText(text, mediaType)?.value;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
}
