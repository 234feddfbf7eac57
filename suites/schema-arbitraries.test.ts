import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../engine/schema/ajv-instance.ts';
import { API_NAMES } from '../apis/catalogue.ts';
import { requestBodySchema } from '../engine/schema/schema-locations.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { UnsatisfiableSchemaError } from '../engine/errors.ts';
import { valueFor } from '../generators/schema-arbitrary.ts';
import type { JsonSchemaNode } from '../engine/schema/json-schema-node.ts';
import { boundaryValidValuesFor, invalidValuesFor } from '../generators/invalid-values.ts';

const ajv = createAjv();
const SEED = 20_240_611;

function validate(schema: JsonSchemaNode, value: unknown): ErrorObject[] {
  const check = ajv.compile(schema);
  return check(value) ? [] : [...(check.errors ?? [])];
}

function isValid(schema: JsonSchemaNode, value: unknown): boolean {
  return validate(schema, value).length === 0;
}

/** Whether ajv rejects the value on that keyword of the root node (its own error or one under it). */
function failsOn(schema: JsonSchemaNode, keyword: string, value: unknown): boolean {
  return validate(schema, value).some((error) => error.schemaPath === `#/${keyword}` || error.schemaPath.startsWith(`#/${keyword}/`));
}

const codePoints = (text: string): number => [...text].length;
const isString = (value: unknown): value is string => typeof value === 'string';
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const COMBINING = /[\u0300-\u036f]/u;
const HEX32 = '^[0-9a-fA-F]{32}$';

/**
 * Hand-written schemas, one per keyword, format and composition (data, in the manner of
 * JSON-Schema-Test-Suite): `keywords` are checked with invalidValuesFor (every value fails on
 * that keyword) and boundaryValidValuesFor (every value valid); `boundary` names the keywords
 * that must have boundary values.
 */
interface KeywordCase {
  description: string;
  schema: JsonSchemaNode;
  keywords: string[];
  boundary?: string[];
}

const FORMATS = ['uuid', 'ipv4', 'ipv6', 'cidr', 'byte', 'uri', 'hostname', 'date-time', 'date', 'time', 'email'];

const CASES: KeywordCase[] = [
  {
    description: 'a name of 1 to 255 characters',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    keywords: ['type', 'minLength', 'maxLength'],
    boundary: ['minLength', 'maxLength'],
  },
  { description: 'a stack name', schema: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_.-]*$' }, keywords: ['type', 'pattern'] },
  {
    description: 'a pattern with length bounds',
    schema: { type: 'string', pattern: '^[a-z]+$', minLength: 3, maxLength: 8 },
    keywords: ['pattern', 'minLength', 'maxLength'],
    boundary: ['minLength', 'maxLength'],
  },
  { description: 'an unanchored pattern', schema: { type: 'string', pattern: '^/' }, keywords: ['pattern'] },
  { description: 'a device name pattern', schema: { type: 'string', pattern: '^(/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$' }, keywords: ['type', 'pattern'] },
  { description: 'an enumeration', schema: { type: 'string', enum: ['PING', 'TCP', 'HTTP', 'HTTPS'] }, keywords: ['type', 'enum'], boundary: ['enum'] },
  {
    description: 'a nullable enumeration',
    schema: { type: ['string', 'null'], enum: ['local', 'volume', null] },
    keywords: ['type', 'enum'],
    boundary: ['enum'],
  },
  {
    description: 'an integer from 1 to 10',
    schema: { type: 'integer', minimum: 1, maximum: 10 },
    keywords: ['type', 'minimum', 'maximum'],
    boundary: ['minimum', 'maximum'],
  },
  {
    description: 'a number in an open interval',
    schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    keywords: ['type', 'exclusiveMinimum', 'exclusiveMaximum'],
    boundary: ['exclusiveMinimum', 'exclusiveMaximum'],
  },
  {
    description: 'an integer between exclusive bounds',
    schema: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 100 },
    keywords: ['exclusiveMinimum', 'exclusiveMaximum'],
    boundary: ['exclusiveMinimum', 'exclusiveMaximum'],
  },
  {
    description: 'a multiple of five up to 100',
    schema: { type: 'integer', multipleOf: 5, minimum: 0, maximum: 100 },
    keywords: ['multipleOf', 'minimum', 'maximum'],
    boundary: ['minimum', 'maximum'],
  },
  { description: 'a boolean', schema: { type: 'boolean' }, keywords: ['type'] },
  { description: 'null', schema: { type: 'null' }, keywords: ['type'] },
  { description: 'a string or an integer', schema: { type: ['string', 'integer'] }, keywords: ['type'] },
  { description: 'a constant', schema: { const: 'fixed' }, keywords: ['const'], boundary: ['const'] },
  ...FORMATS.map((format): KeywordCase => ({
    description: `format ${format}`,
    schema: { type: 'string', format },
    keywords: ['type', 'format'],
    boundary: format === 'cidr' ? ['format'] : [],
  })),
  {
    description: 'base64 of at most 65535 characters',
    schema: { type: 'string', format: 'byte', maxLength: 65535 },
    keywords: ['format', 'maxLength'],
    boundary: ['maxLength'],
  },
  {
    description: 'a uuid or 32 hex digits',
    schema: { type: 'string', anyOf: [{ format: 'uuid' }, { pattern: HEX32 }] },
    keywords: ['type', 'anyOf'],
    boundary: ['anyOf'],
  },
  {
    description: 'an IPv4 address or a hostname',
    schema: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'hostname' }] },
    keywords: ['anyOf'],
    boundary: ['anyOf'],
  },
  {
    description: 'a boolean or a uuid-like string (nested anyOf)',
    schema: { anyOf: [{ type: 'boolean' }, { type: 'string', anyOf: [{ format: 'uuid' }, { pattern: HEX32 }] }] },
    keywords: ['anyOf'],
    boundary: ['anyOf'],
  },
  {
    description: 'a boolean or a boolean word',
    schema: {
      default: false,
      anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['t', 'true', 'on', 'y', 'yes', '1', 'f', 'false', 'off', 'n', 'no', '0'] }],
    },
    keywords: ['anyOf'],
    boundary: ['anyOf'],
  },
  {
    description: 'a multiple of 2 or of 3 but not both',
    schema: { type: 'integer', minimum: 0, maximum: 50, oneOf: [{ multipleOf: 2 }, { multipleOf: 3 }] },
    keywords: ['oneOf'],
    boundary: ['oneOf'],
  },
  {
    description: 'allOf merged into one string node',
    schema: { allOf: [{ type: 'string', minLength: 2 }, { maxLength: 5 }, { pattern: '^[a-z]+$' }] },
    keywords: [],
  },
  { description: 'allOf with two patterns (kept by ajv)', schema: { allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] }, keywords: [] },
  {
    description: 'a string that is not a forbidden word',
    schema: { type: 'string', maxLength: 12, not: { enum: ['forbidden'] } },
    keywords: ['maxLength'],
    boundary: ['maxLength'],
  },
  {
    description: 'an object with declared properties only',
    schema: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 16 }, size: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    keywords: ['type', 'additionalProperties', 'required'],
  },
  {
    description: 'a metadata map (keys and values of 1 to 255 characters)',
    schema: { type: 'object', propertyNames: { minLength: 1, maxLength: 255 }, additionalProperties: { type: 'string', minLength: 1, maxLength: 255 } },
    keywords: ['type', 'propertyNames', 'additionalProperties'],
    boundary: ['propertyNames', 'additionalProperties'],
  },
  {
    description: 'metadata key names (a bare propertyNames node)',
    schema: { minLength: 1, maxLength: 255 },
    keywords: ['minLength', 'maxLength'],
    boundary: ['minLength', 'maxLength'],
  },
  {
    description: 'a map of any parameter values',
    schema: { type: 'object', additionalProperties: { type: ['string', 'number', 'object'] } },
    keywords: ['additionalProperties'],
  },
  {
    description: 'pattern properties beside additional ones',
    schema: { type: 'object', patternProperties: { '^x-': { type: 'integer' } }, additionalProperties: { type: 'string', maxLength: 4 } },
    keywords: ['additionalProperties'],
  },
  {
    description: 'a list of 1 to 2 networks',
    schema: { type: 'array', items: { type: 'string', enum: ['public', 'servicenet'] }, minItems: 1, maxItems: 2 },
    keywords: ['type', 'items', 'minItems', 'maxItems'],
    boundary: ['minItems', 'maxItems'],
  },
  {
    description: 'unique small integers, 2 to 4 of them',
    schema: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 5 }, uniqueItems: true, minItems: 2, maxItems: 4 },
    keywords: ['uniqueItems', 'minItems', 'maxItems'],
    boundary: ['minItems', 'maxItems'],
  },
  {
    description: 'a tuple of a string and an integer',
    schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
    keywords: [],
  },
  { description: 'anything', schema: {}, keywords: [] },
];

describe('valueFor: every value of every spec request body is valid (schema layer)', () => {
  it.each([...API_NAMES])('%s', async (api) => {
    const schema = requestBodySchema(await loadSpec(api));
    expect(schema).toBeDefined();
    const body = schema as JsonSchemaNode;
    fc.assert(
      fc.property(valueFor(body), (value) => {
        expect(validate(body, value)).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe.each(CASES)('$description', ({ schema, keywords, boundary = [] }) => {
  it('valueFor values are valid', () => {
    fc.assert(
      fc.property(valueFor(schema), (value) => {
        expect(validate(schema, value)).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  for (const keyword of keywords) {
    it(`invalidValuesFor ${keyword}: every value fails on ${keyword}`, () => {
      const values = invalidValuesFor(schema, keyword);
      if (keyword === 'required') {
        expect(values).toEqual([]);
        return;
      }
      expect(values.length).toBeGreaterThan(0);
      expect(values.length).toBeLessThanOrEqual(12);
      for (const value of values) expect(failsOn(schema, keyword, value), JSON.stringify(value).slice(0, 80)).toBe(true);
    });

    it(`boundaryValidValuesFor ${keyword}: every value is valid`, () => {
      const values = boundaryValidValuesFor(schema, keyword);
      if (boundary.includes(keyword)) expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(validate(schema, value), JSON.stringify(value).slice(0, 80)).toEqual([]);
    });
  }
});

describe('lengths are counted in code points, as ajv counts them', () => {
  it('ajv accepts 255 astral characters for maxLength 255 and refuses 256', () => {
    const schema = { type: 'string', maxLength: 255 };
    expect('😀'.repeat(255).length).toBe(510);
    expect(isValid(schema, '😀'.repeat(255))).toBe(true);
    expect(isValid(schema, '😀'.repeat(256))).toBe(false);
  });

  it('maxLength: max+1 in ASCII and max+1 in astral characters are both invalid values; exactly max in each is a boundary', () => {
    const schema = { type: 'string', minLength: 1, maxLength: 255 };
    const invalid = invalidValuesFor(schema, 'maxLength').filter(isString);
    expect(invalid).toContain('a'.repeat(256));
    expect(invalid.some((value) => codePoints(value) === 256 && ASTRAL.test(value))).toBe(true);
    const boundary = boundaryValidValuesFor(schema, 'maxLength').filter(isString);
    expect(boundary).toContain('a'.repeat(255));
    expect(boundary).toContain('😀'.repeat(255));
  });

  it('minLength: one code point short is invalid (for 1: the empty string); exactly min is a boundary', () => {
    expect(invalidValuesFor({ type: 'string', minLength: 1 }, 'minLength')).toEqual(['']);
    expect(invalidValuesFor({ type: 'string', minLength: 3, maxLength: 8 }, 'minLength').every((value) => isString(value) && codePoints(value) === 2)).toBe(
      true,
    );
    expect(boundaryValidValuesFor({ type: 'string', minLength: 3 }, 'minLength')).toContain('aaa');
  });

  it('a byte string with maxLength 65535: the boundary is the longest valid base64 below it', () => {
    const boundary = boundaryValidValuesFor({ type: 'string', format: 'byte', maxLength: 65535 }, 'maxLength');
    expect(boundary).toEqual(['a'.repeat(65532)]);
  });
});

describe('generated strings', () => {
  const strings = fc.sample(valueFor({ type: 'string', minLength: 1, maxLength: 255 }), { seed: SEED, numRuns: 1000 }).filter(isString);

  it('mix astral characters and combining marks into 1..255 strings', () => {
    expect(strings).toHaveLength(1000);
    expect(strings.filter((text) => ASTRAL.test(text)).length).toBeGreaterThan(10);
    expect(strings.filter((text) => COMBINING.test(text)).length).toBeGreaterThan(10);
  });

  it('are biased toward small and boundary lengths', () => {
    const lengths = strings.map(codePoints);
    expect(Math.min(...lengths)).toBe(1);
    expect(Math.max(...lengths)).toBe(255);
    expect(lengths.filter((length) => length <= 10).length).toBeGreaterThan(400);
    expect(lengths.filter((length) => length === 1).length).toBeGreaterThan(30);
    expect(lengths.filter((length) => length === 255).length).toBeGreaterThan(30);
    expect(lengths.filter((length) => length > 10 && length < 254).length).toBeGreaterThan(50);
  });
});

describe('generated URLs (format uri)', () => {
  const urls = fc
    .sample(valueFor({ type: 'string', format: 'uri' }), { seed: SEED, numRuns: 500 })
    .filter(isString)
    .map((text) => new URL(text));

  it('parse as http or https URLs with a domain, and vary their port, path, query, fragment and percent-encoding', () => {
    expect(urls).toHaveLength(500);
    expect(new Set(urls.map((url) => url.protocol))).toEqual(new Set(['http:', 'https:']));
    expect(urls.every((url) => url.hostname.includes('.'))).toBe(true);
    for (const part of ['port', 'search', 'hash'] as const) expect(urls.filter((url) => url[part] !== '').length).toBeGreaterThan(50);
    expect(urls.filter((url) => url.pathname.split('/').length > 2).length).toBeGreaterThan(50);
    expect(urls.filter((url) => /%[0-9A-F]{2}/.test(url.href)).length).toBeGreaterThan(50);
  });
});

describe('composition', () => {
  it('anyOf merges the parent constraints into the branch: both uuid and 32-hex strings appear', () => {
    const schema = { type: 'string', anyOf: [{ format: 'uuid' }, { pattern: HEX32 }] };
    const values = fc.sample(valueFor(schema), { seed: SEED, numRuns: 200 }).filter(isString);
    expect(values).toHaveLength(200);
    expect(values.some((value) => value.length === 36)).toBe(true);
    expect(values.some((value) => new RegExp(HEX32).test(value))).toBe(true);
  });

  it('objects: optional properties are sometimes present and sometimes absent; required always present', () => {
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, size: { type: 'integer' } } };
    const values = fc.sample(valueFor(schema), { seed: SEED, numRuns: 200 }) as Record<string, unknown>[];
    expect(values.every((value) => 'name' in value)).toBe(true);
    expect(values.some((value) => 'size' in value)).toBe(true);
    expect(values.some((value) => !('size' in value))).toBe(true);
  });

  it('additionalProperties: a schema brings some extra keys; false brings none', () => {
    const open = fc.sample(valueFor({ type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: { type: 'string' } }), {
      seed: SEED,
      numRuns: 200,
    }) as Record<string, unknown>[];
    expect(open.some((value) => Object.keys(value).some((key) => key !== 'a'))).toBe(true);
    const closed = fc.sample(valueFor({ type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false }), {
      seed: SEED,
      numRuns: 200,
    }) as Record<string, unknown>[];
    expect(closed.every((value) => Object.keys(value).every((key) => key === 'a'))).toBe(true);
  });

  it('an unsatisfiable schema is reported, not looped on', () => {
    expect(() => valueFor({ type: 'string', minLength: 5, maxLength: 2 })).toThrow(UnsatisfiableSchemaError);
    expect(() => valueFor({ allOf: [{ type: 'string' }, { type: 'integer' }] })).toThrow(UnsatisfiableSchemaError);
  });
});

describe('invalid values per keyword (the catalogue the brief fixes)', () => {
  it('type integer: a fraction and a numeric string', () => {
    const values = invalidValuesFor({ type: 'integer', minimum: 1, maximum: 10 }, 'type');
    expect(values).toContain(1.5);
    expect(values).toContain('7');
  });

  it('type string: a number, a boolean, null, an object and an array', () => {
    expect(invalidValuesFor({ type: 'string' }, 'type')).toEqual([7, true, null, {}, []]);
  });

  it('enum: a same-type value outside the enum (another letter case, the empty string)', () => {
    expect(invalidValuesFor({ type: 'string', enum: ['PING', 'TCP', 'HTTP', 'HTTPS'] }, 'enum')).toEqual(['ping', '']);
  });

  it('minimum/maximum: one past; exclusive bounds: the bound itself', () => {
    expect(invalidValuesFor({ type: 'integer', minimum: 1, maximum: 10 }, 'minimum')).toEqual([0]);
    expect(invalidValuesFor({ type: 'integer', minimum: 1, maximum: 10 }, 'maximum')).toEqual([11]);
    expect(invalidValuesFor({ type: 'number', exclusiveMinimum: 0 }, 'exclusiveMinimum')).toContain(0);
    expect(invalidValuesFor({ type: 'number', exclusiveMaximum: 1 }, 'exclusiveMaximum')).toContain(1);
    expect(boundaryValidValuesFor({ type: 'integer', exclusiveMinimum: 0 }, 'exclusiveMinimum')).toEqual([1]);
  });

  it('formats: the classic bad values', () => {
    const bad = (format: string) => invalidValuesFor({ type: 'string', format }, 'format');
    expect(bad('uuid').slice(0, 2)).toEqual(['not-a-uuid', '123e4567-e89b-12d3-a456-42661417400']);
    expect(bad('ipv4')).toEqual(expect.arrayContaining(['256.1.1.1', '1.2.3']));
    expect(bad('ipv6')).toContain('1:::2');
    expect(bad('cidr').slice(0, 4)).toEqual(['10.0.0.0/33', '::1/129', '1.2.3/8', '10.0.0.0']);
    expect(bad('byte')).toContain('not base64!');
    expect(bad('uri')).toContain('not a uri');
    expect(bad('hostname')).toContain('-bad-.example');
  });

  it('formats: near misses one step outside (an octet of 256, a prefix of /129, a UUID group a digit short)', () => {
    const bad = (format: string) => invalidValuesFor({ type: 'string', format }, 'format');
    expect(bad('ipv4')).toEqual(expect.arrayContaining(['10.0.0.256', '10.0.0', ' 10.0.0.1']));
    expect(bad('cidr')).toEqual(expect.arrayContaining(['2001:db8::/129', '10.0.0.256/24']));
    expect(bad('uuid')).toEqual(expect.arrayContaining(['123e4567-e89b-12d3-a456-42661417400g', '123e4567-e89b-12d3-a45-426614174000']));
  });

  it('anyOf of formats: the near misses no branch accepts (10.0.0.256 is a hostname)', () => {
    const ipOrHost = invalidValuesFor({ type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'hostname' }] }, 'anyOf');
    expect(ipOrHost).toContain(' 10.0.0.1');
    expect(ipOrHost).not.toContain('10.0.0.256');
    expect(invalidValuesFor({ type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] }, 'anyOf')).toEqual(
      expect.arrayContaining(['10.0.0.256', '2001:db8::12345']),
    );
  });

  it('pattern: near misses after a valid start (the last character, the middle, a space, a non-ASCII letter)', () => {
    const name = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_.-]*$' };
    const values = invalidValuesFor(name, 'pattern').filter(isString);
    const validStart = values.filter((value) => /^[a-zA-Z]/.test(value));
    expect(validStart.some((value) => /^[a-zA-Z][a-zA-Z0-9_.-]*[^a-zA-Z0-9_.-]$/.test(value))).toBe(true);
    expect(validStart.some((value) => / /.test(value.trim()))).toBe(true);
    expect(validStart.some((value) => /[^\x00-\x7f]/.test(value))).toBe(true);
    expect(validStart.length).toBeGreaterThanOrEqual(4);
  });

  it('pattern: edges found by growing and shrinking a valid value (a code one digit long, one short)', () => {
    const codes = { type: 'string', pattern: '^[1-5][0-9]{2}$' };
    const values = invalidValuesFor(codes, 'pattern').filter(isString);
    expect(values.some((value) => /^[1-5][0-9]{3}$/.test(value))).toBe(true);
    expect(values.some((value) => /^[1-5][0-9]$/.test(value))).toBe(true);
    const tags = { type: 'string', pattern: '^[a-z]{1,40}$' };
    expect(
      boundaryValidValuesFor(tags, 'pattern')
        .filter(isString)
        .map((value) => value.length),
    ).toContain(40);
  });

  it('cidr boundaries: whole spaces, host bits, single hosts and the documents own "1.2.3.4/5"', () => {
    expect(boundaryValidValuesFor({ type: 'string', format: 'cidr' }, 'format')).toEqual(['0.0.0.0/0', '10.0.0.1/32', '::/0', '::1/128', '1.2.3.4/5']);
  });

  it('anyOf: a value of the parent type that matches no branch', () => {
    const values = invalidValuesFor({ type: 'string', anyOf: [{ format: 'uuid' }, { pattern: HEX32 }] }, 'anyOf');
    expect(values.length).toBeGreaterThan(0);
    expect(values.every(isString)).toBe(true);
  });

  it('oneOf: a value matching no branch, and one matching two', () => {
    const schema = { type: 'integer', minimum: 0, maximum: 50, oneOf: [{ multipleOf: 2 }, { multipleOf: 3 }] };
    const values = invalidValuesFor(schema, 'oneOf').filter((value): value is number => typeof value === 'number');
    expect(values.some((value) => value % 2 !== 0 && value % 3 !== 0)).toBe(true);
    expect(values.some((value) => value % 6 === 0)).toBe(true);
  });

  it('minItems/maxItems: arrays of valid items one below and one above', () => {
    const schema = { type: 'array', items: { type: 'string', enum: ['public', 'servicenet'] }, minItems: 1, maxItems: 2 };
    expect(invalidValuesFor(schema, 'minItems')).toEqual([[]]);
    const tooMany = invalidValuesFor(schema, 'maxItems');
    expect(tooMany.every((value) => Array.isArray(value) && value.length === 3)).toBe(true);
    expect(boundaryValidValuesFor(schema, 'maxItems').every((value) => Array.isArray(value) && value.length === 2)).toBe(true);
  });

  it('additionalProperties false: the object plus an unknown key; required: nothing (the caller unsets)', () => {
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, additionalProperties: false };
    const [value] = invalidValuesFor(schema, 'additionalProperties') as Record<string, unknown>[];
    expect(value && 'name' in value && Object.keys(value).length).toBe(2);
    expect(invalidValuesFor(schema, 'required')).toEqual([]);
  });

  it('propertyNames: keys of 0 and of 256 characters', () => {
    const schema = { type: 'object', propertyNames: { minLength: 1, maxLength: 255 }, additionalProperties: { type: 'string' } };
    const keys = invalidValuesFor(schema, 'propertyNames').flatMap((value) => Object.keys(value as object));
    expect(keys).toContain('');
    expect(keys).toContain('a'.repeat(256));
  });

  it('a keyword the node does not have gives nothing', () => {
    expect(invalidValuesFor({ type: 'string' }, 'maxLength')).toEqual([]);
    expect(boundaryValidValuesFor({ type: 'string' }, 'minimum')).toEqual([]);
  });
});

describe('determinism', () => {
  it('same seed, same values', async () => {
    const body = requestBodySchema(await loadSpec('compute-servers')) as JsonSchemaNode;
    const first = fc.sample(valueFor(body), { seed: SEED, numRuns: 50 });
    const second = fc.sample(valueFor(body), { seed: SEED, numRuns: 50 });
    expect(second).toEqual(first);
    expect(fc.sample(valueFor(body), { seed: SEED + 1, numRuns: 50 })).not.toEqual(first);
  });

  it('invalid and boundary values do not depend on the call', () => {
    for (const { schema, keywords } of CASES) {
      for (const keyword of keywords) {
        expect(invalidValuesFor(schema, keyword)).toEqual(invalidValuesFor(structuredClone(schema), keyword));
        expect(boundaryValidValuesFor(schema, keyword)).toEqual(boundaryValidValuesFor(structuredClone(schema), keyword));
      }
    }
  });
});
