import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { canonicalJsonObject } from '../engine/rules/canonical-json-text.ts';

function readByYaml(text: string): { value: unknown } | undefined {
  const document = parseDocument(text, { logLevel: 'silent' });
  return document.errors.length ? undefined : { value: document.toJS() };
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 12 });
const yamlish = fc.constantFrom(
  'true',
  'null',
  '0x1F',
  '1e3',
  '~',
  '#x',
  ': ',
  '- ',
  '&a',
  '*a',
  '!t',
  '|',
  "'",
  '{',
  ']',
  ',',
  '?',
  'yes',
  '.inf',
  '2013-05-23',
  '<<',
);
const text = fc.oneof(printable, yamlish);
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 1e-7, 5e-324, 2 ** 53 + 2));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    number,
    fc.boolean(),
    fc.constant(null),
    text,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(text, tie('json'), { maxKeys: 4 }),
  ),
}));
const object = fc.dictionary(text, json, { maxKeys: 6 });

describe('canonical JSON text read as YAML', () => {
  it('reads what the YAML parser reads wherever it reads the text at all', () => {
    const texts = fc.oneof(
      object.map((value) => JSON.stringify(value)),
      object.map((value) => JSON.stringify(value, null, 1)),
      fc.string({ maxLength: 40 }).map((inner) => `{${inner}}`),
    );
    fc.assert(
      fc.property(texts, (source) => {
        const read = canonicalJsonObject(source);
        if (read) expect(read).toStrictEqual(readByYaml(source));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the YAML parser text that is not JSON as JSON.stringify writes it', () => {
    for (const source of [
      '{"a": 1}',
      '{"a":1,"a":2}',
      '{"a":"\\u0041"}',
      '{"a":-0}',
      '{"é":1}',
      '{"__proto__":{}}',
      'a: 1',
      '[1]',
      `{"${'k'.repeat(1024)}":1}`,
    ])
      expect(canonicalJsonObject(source)).toBeUndefined();
    expect(canonicalJsonObject('{"heat_template_version":"2013-05-23","parameters":{"n":{"type":"number","default":59}}}')).toEqual({
      value: { heat_template_version: '2013-05-23', parameters: { n: { type: 'number', default: 59 } } },
    });
  });
});
