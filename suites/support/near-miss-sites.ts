import type { LoadedSpec } from '../../engine/spec/spec-loader.ts';
import type { PlannedCase } from '../../engine/run/run-model.ts';
import { parseClaim } from '../../engine/schema/schema-claims.ts';
import { isRequestLocation, schemaLocations } from '../../engine/schema/schema-locations.ts';
import { isContainer, resolvePointer } from '../../engine/request/json-pointer.ts';
import { valueAt } from '../../engine/rules/rule-paths.ts';
import { requestPointerOf } from '../../generators/schema-instance-paths.ts';
import { FORMAT_CATALOGUE } from '../../generators/invalid/format-catalogue.ts';
import { codePointLength, codePoints } from '../../generators/schema/code-points.ts';
import { isValidAgainst } from '../../generators/schema/schema-validator.ts';

/**
 * Where a schema requirement has a pattern, a format or a numeric or length range, and what a
 * near miss (a value just outside) and an edge value (a valid value just inside) are there:
 * - pattern: a refused string that one edit (a character changed, added or removed) at position 1
 *   or later makes acceptable, i.e. it shares a valid start with a valid value; at position 0 only
 *   where no valid value can be missed after its first character (`^/`);
 * - format: a value of the near-miss table (generators/invalid/format-catalogue.ts);
 * - range: the bound minus or plus one step (an integer bound, or one code point of length).
 * An edge value: the bound itself (for a length, as near as the format allows); a value of the
 * format's boundary table; for a pattern, an
 * accepted value that ends in a symbol, or that one character less or one more (its last, again)
 * makes refused.
 */

type Node = Record<string, unknown>;
type RangeKeyword = 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minLength' | 'maxLength';

export type Check =
  | { kind: 'pattern'; pattern: string }
  | { kind: 'format'; formats: string[]; patterns: string[] }
  | { kind: 'range'; keyword: RangeKeyword; bound: number; node: Node };

export interface Site {
  requirementId: string;
  /** The keyword the requirement claims (a branch's format is claimed as `anyOf`). */
  keyword: string;
  /** Where the value sits in a request. */
  pointer: string;
  /** The value itself, or the keys or the values of the object there (propertyNames, additionalProperties). */
  within: 'value' | 'keys' | 'values';
  check: Check;
}

const RANGE_KEYWORDS: readonly RangeKeyword[] = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength'];
/** What a near-miss neighbour may be made of: printable ASCII. */
const PROBE_CHARACTERS = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));

function isNode(value: unknown): value is Node {
  return isContainer(value) && !Array.isArray(value);
}

function checksOfNode(node: Node, keyword: string): Check[] {
  if (keyword === 'pattern' && typeof node.pattern === 'string') return [{ kind: 'pattern', pattern: node.pattern }];
  if (keyword === 'format' && typeof node.format === 'string') return [{ kind: 'format', formats: [node.format], patterns: [] }];
  if ((RANGE_KEYWORDS as readonly string[]).includes(keyword) && typeof node[keyword] === 'number')
    return [{ kind: 'range', keyword: keyword as RangeKeyword, bound: node[keyword] as number, node }];
  if (keyword === 'anyOf' || keyword === 'oneOf') {
    const branches = (Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : []).filter(isNode);
    const formats = branches.flatMap((branch) => (typeof branch.format === 'string' ? [branch.format] : []));
    const patterns = branches.flatMap((branch) => (typeof branch.pattern === 'string' ? [branch.pattern] : []));
    return formats.length || patterns.length ? [{ kind: 'format', formats, patterns }] : [];
  }
  return [];
}

/** The checks of a map's key or value schema, for a claim of propertyNames or additionalProperties. */
function checksBelow(node: Node, keyword: 'propertyNames' | 'additionalProperties'): Check[] {
  const below = node[keyword];
  return isNode(below) ? Object.keys(below).flatMap((inner) => checksOfNode(below, inner)) : [];
}

/** Every pattern, format and range a request-side schema requirement of the spec claims. */
export function sitesOf(spec: LoadedSpec): Site[] {
  return spec.requirements.flatMap((requirement) =>
    (requirement.schema ?? []).flatMap((claim) => {
      const parsed = parseClaim(requirement.id, claim);
      const pointer = requestPointerOf(spec, parsed.location, parsed.pointer);
      const node = resolvePointer(schemaLocations(spec).find((location) => location.name === parsed.location)?.schema, parsed.pointer);
      if (!isRequestLocation(parsed.location) || pointer === undefined || !isNode(node)) return [];
      return (parsed.keywords ?? []).flatMap((keyword): Site[] => {
        const at = { requirementId: requirement.id, keyword, pointer };
        if (keyword === 'propertyNames') return checksBelow(node, keyword).map((check) => ({ ...at, within: 'keys', check }));
        if (keyword === 'additionalProperties') return checksBelow(node, keyword).map((check) => ({ ...at, within: 'values', check }));
        return checksOfNode(node, keyword).map((check) => ({ ...at, within: 'value', check }));
      });
    }),
  );
}

/** The values a case puts where the site is. */
export function valuesAt(site: Site, testCase: PlannedCase): unknown[] {
  const value = valueAt(testCase.request, site.pointer);
  if (site.within === 'value') return value === undefined ? [] : [value];
  if (!isNode(value)) return [];
  return site.within === 'keys' ? Object.keys(value) : Object.values(value);
}

function accepts(pattern: string, text: string): boolean {
  return isValidAgainst({ type: 'string', pattern }, text);
}

/** The texts one edit away, at `from` or later: a character removed, replaced or added. */
function* neighbours(text: string, from: number): Generator<string> {
  const chars = codePoints(text);
  for (let index = from; index <= chars.length; index += 1) {
    const before = chars.slice(0, index).join('');
    const after = chars.slice(index + 1).join('');
    if (index < chars.length) yield before + after;
    for (const probe of PROBE_CHARACTERS) {
      if (index < chars.length) yield before + probe + after;
      yield before + probe + chars.slice(index).join('');
    }
  }
}

/** Whether some valid value of the pattern can be missed by one edit after its first character (not so for `^/`). */
export function canMissAfterStart(pattern: string, validValues: string[]): boolean {
  return validValues.some((text) => [...neighbours(text, 1)].some((neighbour) => !accepts(pattern, neighbour)));
}

function isPatternNearMiss(pattern: string, value: unknown, from: number): boolean {
  if (typeof value !== 'string' || accepts(pattern, value)) return false;
  for (const neighbour of neighbours(value, from)) if (accepts(pattern, neighbour)) return true;
  return false;
}

function isPatternEdge(pattern: string, value: unknown): boolean {
  if (typeof value !== 'string' || !accepts(pattern, value)) return false;
  const chars = codePoints(value);
  const last = chars.at(-1) ?? '';
  return /[^\p{L}\p{N}]$/u.test(value) || !accepts(pattern, chars.slice(0, -1).join('')) || !accepts(pattern, value + last);
}

/** The value one step outside the bound, or just inside it (`inside`). */
function stepFrom(keyword: RangeKeyword, bound: number, inside: boolean): number {
  const outward = keyword === 'minimum' || keyword === 'exclusiveMinimum' || keyword === 'minLength' ? -1 : 1;
  const exclusive = keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum';
  if (exclusive) return inside ? bound - outward : bound;
  return inside ? bound : bound + outward;
}

function measure(keyword: RangeKeyword, value: unknown): number | undefined {
  if (keyword === 'minLength' || keyword === 'maxLength') return typeof value === 'string' ? codePointLength(value) : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** `startAt`: where a pattern's near miss may first differ from a valid value (1, or 0 where nothing else can be missed). */
export function isNearMiss(check: Check, value: unknown, startAt: number): boolean {
  if (check.kind === 'pattern') return isPatternNearMiss(check.pattern, value, startAt);
  if (check.kind === 'range') return measure(check.keyword, value) === stepFrom(check.keyword, check.bound, false);
  return (
    check.formats.some((format) => FORMAT_CATALOGUE[format]?.nearMiss.includes(value as string)) ||
    check.patterns.some((pattern) => isPatternNearMiss(pattern, value, 0))
  );
}

/**
 * A text as near its length bound as the node allows: every text between it and the bound, made
 * by repeating its last character or cutting it, is refused (base64 of 65,535 characters cannot
 * exist: its edge is 65,532).
 */
function isLengthEdge(check: Extract<Check, { kind: 'range' }>, value: unknown): boolean {
  if (typeof value !== 'string' || !isValidAgainst(check.node, value)) return false;
  const chars = codePoints(value);
  const last = chars.at(-1) ?? 'a';
  const between =
    check.keyword === 'maxLength'
      ? Array.from({ length: Math.max(0, check.bound - chars.length) }, (_, step) => value + last.repeat(step + 1))
      : Array.from({ length: Math.max(0, chars.length - check.bound) }, (_, step) => chars.slice(0, chars.length - step - 1).join(''));
  return between.every((text) => !isValidAgainst(check.node, text));
}

export function isEdge(check: Check, value: unknown): boolean {
  if (check.kind === 'pattern') return isPatternEdge(check.pattern, value);
  if (check.kind === 'range' && (check.keyword === 'minLength' || check.keyword === 'maxLength')) return isLengthEdge(check, value);
  if (check.kind === 'range') return measure(check.keyword, value) === stepFrom(check.keyword, check.bound, true);
  return (
    check.formats.some((format) => FORMAT_CATALOGUE[format]?.boundary.includes(value as string)) ||
    check.patterns.some((pattern) => isPatternEdge(pattern, value))
  );
}

export function describeCheck(check: Check): string {
  if (check.kind === 'pattern') return `pattern ${check.pattern}`;
  if (check.kind === 'range') return `${check.keyword} ${check.bound}`;
  return [...check.formats.map((format) => `format ${format}`), ...check.patterns.map((pattern) => `pattern ${pattern}`)].join(' or ');
}
