import fc from 'fast-check';
import { stringify as stringifyYaml } from 'yaml';
import { formatText } from '../arbitraries/format-text.ts';
import { patternRegExp, patternText } from '../arbitraries/pattern-text.ts';
import { unicodeText } from '../arbitraries/unicode-text.ts';
import { codePointLength } from './code-points.ts';
import type { GenerationContext } from './generation-context.ts';
import { numberKeyword, schemaKeyword, stringKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { isValidAgainst } from './schema-validator.ts';

interface StringLimits {
  minLength: number;
  /** The longest string generated: the declared maxLength, capped by the context. */
  maxLength: number;
  declaredMaxLength: number | undefined;
  maxIsDeclared: boolean;
}

function stringLimits(node: JsonSchemaNode, context: GenerationContext): StringLimits | undefined {
  const minLength = numberKeyword(node, 'minLength') ?? 0;
  const declaredMaxLength = numberKeyword(node, 'maxLength');
  if (declaredMaxLength !== undefined && declaredMaxLength < minLength) return undefined;
  const cap = Math.max(minLength, context.maxStringLength);
  const maxLength = Math.min(declaredMaxLength ?? cap, cap);
  return { minLength, maxLength, declaredMaxLength, maxIsDeclared: declaredMaxLength !== undefined && declaredMaxLength <= cap };
}

/** A value of a format, kept only when it also fits the node's length and pattern. */
function formattedString(node: JsonSchemaNode, format: string, limits: StringLimits): fc.Arbitrary<string> {
  const pattern = stringKeyword(node, 'pattern');
  const regex = pattern === undefined ? undefined : patternRegExp(pattern);
  const fits = (text: string): boolean => {
    const length = codePointLength(text);
    return length >= limits.minLength && length <= (limits.declaredMaxLength ?? Infinity) && (!regex || regex.test(text));
  };
  const known = formatText(format, limits);
  if (known) return known.filter(fits);
  // A format the generators do not build: plain text, kept when ajv's own check for it passes.
  return unicodeText({ min: limits.minLength, max: limits.maxLength, maxIsDeclared: limits.maxIsDeclared }).filter(
    (text) => fits(text) && isValidAgainst({ type: 'string', format }, text),
  );
}

/** The media types a `contentSchema` document may be written in: JSON, or YAML (of which JSON is a subset). */
const WRITERS: Record<string, ((value: unknown) => string)[]> = {
  'application/json': [(value) => JSON.stringify(value)],
  'application/yaml': [(value) => JSON.stringify(value), (value) => stringifyYaml(value)],
};

/**
 * A string that holds a document (`contentMediaType` + `contentSchema`, JSON Schema 2020-12):
 * a value of the content schema, written as JSON or YAML text. A template is made as a template.
 */
function documentText(node: JsonSchemaNode, context: GenerationContext): fc.Arbitrary<string> | undefined {
  const mediaType = stringKeyword(node, 'contentMediaType');
  const content = schemaKeyword(node, 'contentSchema');
  const writers = mediaType === undefined ? undefined : WRITERS[mediaType];
  if (!writers || content === undefined) return undefined;
  const values = context.valuesOf(content);
  if (!values) return undefined;
  return fc.tuple(values, fc.constantFrom(...writers)).map(([value, write]) => write(value));
}

/**
 * Strings of a `type: string` node: its format (uuid, ipv4, cidr, byte…), else its pattern,
 * else Unicode text mixing ASCII, accented, combining and astral characters; lengths in code
 * points, biased toward small and boundary lengths.
 */
export function stringSchemaValue(node: JsonSchemaNode, context: GenerationContext): fc.Arbitrary<string> | undefined {
  const limits = stringLimits(node, context);
  if (!limits) return undefined;
  const document = documentText(node, context);
  if (document) return document;
  const format = stringKeyword(node, 'format');
  if (format !== undefined) return formattedString(node, format, limits);
  const pattern = stringKeyword(node, 'pattern');
  if (pattern !== undefined) return patternText(pattern, limits.minLength, limits.declaredMaxLength);
  return unicodeText({ min: limits.minLength, max: limits.maxLength, maxIsDeclared: limits.maxIsDeclared });
}
