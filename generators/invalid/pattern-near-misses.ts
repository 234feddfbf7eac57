import { codePoints } from '../schema/code-points.ts';
import { exampleValuesFor } from '../schema/example-values.ts';
import { stringKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';
import { canonicalJson } from '../schema/canonical-json.ts';
import { validatorFor } from '../schema/schema-validator.ts';
import type { CandidateGroup } from './candidate-groups.ts';
import { EDGE_CHARACTERS, FOREIGN_CHARACTERS, LENGTH_PROBE_LIMIT, NON_ASCII_LETTERS, SPACE, TRAILING_CHARACTERS } from './near-miss-characters.ts';

/**
 * Near misses of a `pattern`: valid values changed in one place after a valid start (the last
 * character, the middle, one character too many or too few), so a server that checks only the
 * first character, or only which characters occur, lets them through. And the valid values at the
 * pattern's edges. Every value is a proposal: ajv decides (candidate-groups.ts keeps per group the
 * first that breaks the pattern alone, or the first the whole node accepts).
 */

type Chars = readonly string[];
type Edit = (chars: Chars, accepts: (text: string) => boolean) => string[];

const SEED_COUNT = 12;
/** Long enough that a change in the middle leaves a valid start and a valid end. */
const ROOMY_LENGTH = 3;

function isAlphanumeric(character: string | undefined): boolean {
  return character !== undefined && /^[\p{L}\p{N}]$/u.test(character);
}

function present(text: string | undefined): string[] {
  return text === undefined ? [] : [text];
}

function replaced(chars: Chars, index: number, character: string): string {
  return [...chars.slice(0, index), character, ...chars.slice(index + 1)].join('');
}

function inserted(chars: Chars, index: number, character: string): string {
  return [...chars.slice(0, index), character, ...chars.slice(index)].join('');
}

/** Indexes from the middle outwards. */
function middleFirst(indexes: number[], length: number): number[] {
  const middle = (length - 1) / 2;
  return [...indexes].sort((left, right) => Math.abs(left - middle) - Math.abs(right - middle));
}

/** Letters or digits strictly inside the value (never the first or the last character). */
function innerLetters(chars: Chars): number[] {
  const indexes = chars.map((_, index) => index).filter((index) => index > 0 && index < chars.length - 1 && isAlphanumeric(chars[index]));
  return middleFirst(indexes, chars.length);
}

/** Gaps between two letters or digits: a character put there splits a word, never pads a separator. */
function gapsInsideWords(chars: Chars): number[] {
  const gaps = chars.map((_, index) => index).filter((index) => index > 0 && isAlphanumeric(chars[index - 1]) && isAlphanumeric(chars[index]));
  return middleFirst(gaps, chars.length + 1);
}

const lastReplaced: Edit = (chars) => (chars.length >= 2 ? FOREIGN_CHARACTERS.map((character) => replaced(chars, chars.length - 1, character)) : []);

const separatorAppended: Edit = (chars) => TRAILING_CHARACTERS.map((character) => [...chars, character].join(''));

const foreignInside: Edit = (chars) =>
  innerLetters(chars)
    .slice(0, 1)
    .flatMap((index) => FOREIGN_CHARACTERS.map((character) => replaced(chars, index, character)));

const spaceInside: Edit = (chars) =>
  gapsInsideWords(chars)
    .slice(0, 1)
    .map((index) => inserted(chars, index, SPACE));

const nonAsciiInside: Edit = (chars) =>
  innerLetters(chars)
    .slice(0, 1)
    .flatMap((index) => NON_ASCII_LETTERS.map((letter) => replaced(chars, index, letter)));

const leadingSpace: Edit = (chars) => [[SPACE, ...chars].join('')];

const nonAsciiFirst: Edit = (chars) => (chars.length >= 2 && isAlphanumeric(chars[0]) ? NON_ASCII_LETTERS.map((letter) => replaced(chars, 0, letter)) : []);

/** The value grown by repeating its last character: every step while the pattern accepts, then the first it refuses. */
function grownSteps(chars: Chars, accepts: (text: string) => boolean): { valid: string[]; refused?: string } {
  const last = chars.at(-1);
  const valid: string[] = [];
  if (last === undefined) return { valid };
  let text = chars.join('');
  for (let step = 0; step < LENGTH_PROBE_LIMIT; step += 1) {
    text += last;
    if (!accepts(text)) return { valid, refused: text };
    valid.push(text);
  }
  return { valid };
}

/** The value cut from its end: every step while the pattern accepts, then the first it refuses. */
function shrunkSteps(chars: Chars, accepts: (text: string) => boolean): { valid: string[]; refused?: string } {
  const valid: string[] = [];
  for (let length = chars.length - 1; length >= 0; length -= 1) {
    const text = chars.slice(0, length).join('');
    if (!accepts(text)) return { valid, refused: text };
    valid.push(text);
  }
  return { valid };
}

const grownPastEdge: Edit = (chars, accepts) => present(grownSteps(chars, accepts).refused);

const shrunkPastEdge: Edit = (chars, accepts) => (chars.length >= 2 ? present(shrunkSteps(chars, accepts).refused) : []);

/** The longest value growing finds before the pattern refuses: only where the pattern has such an edge. */
const grownToEdge: Edit = (chars, accepts) => {
  const { valid, refused } = grownSteps(chars, accepts);
  return refused !== undefined ? present(valid.at(-1)) : [];
};

const shrunkToEdge: Edit = (chars, accepts) => present(shrunkSteps(chars, accepts).valid.at(-1));

const endingInEdgeCharacter: Edit = (chars) =>
  EDGE_CHARACTERS.flatMap((character) => [[...chars, character].join(''), ...(chars.length >= 2 ? [replaced(chars, chars.length - 1, character)] : [])]);

/** Every edge character the pattern takes, appended in turn: one valid value of each allowed class. */
const everyEdgeCharacter: Edit = (chars, accepts) => {
  const grown = EDGE_CHARACTERS.reduce((text, character) => (accepts(text + character) ? text + character : text), chars.join(''));
  return grown.length > chars.join('').length ? [grown] : [];
};

const NEAR_MISS_EDITS: Edit[] = [
  lastReplaced,
  separatorAppended,
  foreignInside,
  spaceInside,
  nonAsciiInside,
  nonAsciiFirst,
  leadingSpace,
  grownPastEdge,
  shrunkPastEdge,
];
const EDGE_EDITS: Edit[] = [grownToEdge, shrunkToEdge, endingInEdgeCharacter, everyEdgeCharacter];

function symbolCount(chars: Chars): number {
  return chars.filter((character) => !isAlphanumeric(character)).length;
}

/**
 * Valid values to change: roomy ones first, so a change can sit after a valid start; among them
 * the plainest (fewest symbols), so an edge value carries no character a server could refuse for
 * reasons the document does not give.
 */
function seedsOf(node: JsonSchemaNode): Chars[] {
  const seeds = exampleValuesFor(node, SEED_COUNT)
    .filter((value): value is string => typeof value === 'string')
    .map(codePoints);
  const roomy = seeds.filter((chars) => chars.length >= ROOMY_LENGTH).sort((left, right) => symbolCount(left) - symbolCount(right));
  return [...roomy, ...seeds.filter((chars) => chars.length < ROOMY_LENGTH)];
}

/** The groups depend on the node alone, and growing and shrinking cost hundreds of checks: made once per node. */
const made = new Map<string, CandidateGroup[]>();

function groupsOf(node: JsonSchemaNode, edits: Edit[], kind: string): CandidateGroup[] {
  const pattern = stringKeyword(node, 'pattern');
  if (pattern === undefined) return [];
  const key = `${kind} ${canonicalJson(node)}`;
  const known = made.get(key);
  if (known) return known;
  const validate = validatorFor({ type: 'string', pattern });
  const accepts = (text: string) => validate(text) === true;
  const seeds = seedsOf(node);
  const groups = edits.map((edit) => seeds.flatMap((chars) => edit(chars, accepts)));
  made.set(key, groups);
  return groups;
}

/** One group per way of missing: the last character, a trailing separator, the middle, a space, a non-ASCII letter, a leading space, one too many, one too few. */
export function patternNearMisses(node: JsonSchemaNode): CandidateGroup[] {
  return groupsOf(node, NEAR_MISS_EDITS, 'near miss');
}

/** Valid values at the pattern's edges: the longest and the shortest it allows, one ending in an edge character, one with every edge character it takes. */
export function patternEdges(node: JsonSchemaNode): CandidateGroup[] {
  return groupsOf(node, EDGE_EDITS, 'edge');
}
