import { codePointLength, codePoints, firstCodePoints, hasAstralCharacter, isAscii, lastCodePoint } from '../schema/code-points.ts';
import { exampleValuesFor } from '../schema/example-values.ts';
import { numberKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import type { CandidateGroup } from './candidate-groups.ts';

/** One code point in UTF-16 as two units: counted once by ajv, twice by `.length`. */
export const ASTRAL_CHARACTER = '😀';
export const ASCII_CHARACTER = 'a';

function exampleStrings(node: JsonSchemaNode): string[] {
  return exampleValuesFor(node).filter((value): value is string => typeof value === 'string');
}

/** A text brought to exactly `length` code points: cut, or padded with `fill`. */
function resized(text: string, length: number, fill: string): string {
  const current = codePointLength(text);
  return current >= length ? firstCodePoints(text, length) : text + fill.repeat(length - current);
}

/** Strings of exactly `length` ASCII code points: plain letters first, then valid examples stretched or cut. */
function asciiOfLength(node: JsonSchemaNode, length: number): string[] {
  const examples = exampleStrings(node).filter(isAscii);
  return [
    ASCII_CHARACTER.repeat(length),
    ...examples.map((example) => resized(example, length, lastCodePoint(example) ?? ASCII_CHARACTER)),
    ...examples.map((example) => resized(example, length, ASCII_CHARACTER)),
  ];
}

/** Strings of exactly `length` code points made of (or padded with) astral characters. */
function astralOfLength(node: JsonSchemaNode, length: number): string[] {
  const padded = exampleStrings(node).map((example) => resized(example, length, ASTRAL_CHARACTER));
  return [ASTRAL_CHARACTER.repeat(length), ...padded].filter(hasAstralCharacter);
}

export function invalidMinLength(node: JsonSchemaNode): CandidateGroup[] {
  const min = numberKeyword(node, 'minLength') ?? 0;
  return min > 0 ? [asciiOfLength(node, min - 1)] : [];
}

/** One code point too many, once in ASCII and once in astral characters. */
export function invalidMaxLength(node: JsonSchemaNode): CandidateGroup[] {
  const max = numberKeyword(node, 'maxLength');
  return max === undefined ? [] : [asciiOfLength(node, max + 1), astralOfLength(node, max + 1)];
}

export function boundaryMinLength(node: JsonSchemaNode): CandidateGroup[] {
  const min = numberKeyword(node, 'minLength');
  if (min === undefined) return [];
  return min > 0 ? [asciiOfLength(node, min), astralOfLength(node, min)] : [asciiOfLength(node, 0)];
}

/**
 * Exactly maxLength code points, in ASCII and in astral characters; where the format forbids
 * that length (base64 comes in fours) the longest valid ASCII string just below it.
 */
export function boundaryMaxLength(node: JsonSchemaNode): CandidateGroup[] {
  const max = numberKeyword(node, 'maxLength');
  if (max === undefined) return [];
  const justBelow = [1, 2, 3].filter((step) => max - step >= 0).map((step) => ASCII_CHARACTER.repeat(max - step));
  return [[...asciiOfLength(node, max), ...justBelow], astralOfLength(node, max)];
}

/** Strings of an allowed length that miss the pattern: valid examples spoiled by one character, then plain misfits. */
export function invalidPattern(node: JsonSchemaNode): CandidateGroup[] {
  const min = numberKeyword(node, 'minLength') ?? 0;
  const spoiled = exampleStrings(node).flatMap((example) => [`!${codePoints(example).slice(1).join('')}`, `${example}!`, `!${example}`]);
  const misfits = ['!', ' ', '-', '0', 'a', '!'.repeat(Math.max(min, 1)), ' '.repeat(Math.max(min, 1))];
  return [spoiled, misfits];
}
