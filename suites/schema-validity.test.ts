// The run compiles schemas without checking them against JSON Schema's meta-schema (that cost
// every start ~100 ms, engine/schema/ajv-instance.ts): these tests are where each is checked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NAMES, specFile } from '../apis/catalogue.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { createAjv } from '../engine/schema/ajv-instance.ts';
import { loadSpecFile } from '../engine/spec/spec-loader.ts';
import { invalidSchemaObjects } from '../engine/spec/schema-objects-check.ts';

describe('the specs’ schemas', () => {
  it.each(API_NAMES)('%s: every Schema Object and tolerated reading is JSON Schema 2020-12', async (api) => {
    const spec = await loadSpec(api);
    expect(invalidSchemaObjects(spec.document)).toEqual([]);
    expect(invalidSchemaObjects(spec.raw)).toEqual([]);
  });

  it('finds the schemas in the request, the responses and the requirements’ tolerated readings, and says which one is broken', async () => {
    const spec = structuredClone((await loadSpec('cloud-databases-ha')).raw) as Record<string, unknown>;
    const operation = Object.values(spec.paths as Record<string, { post: Record<string, unknown> }>)[0]?.post as Record<string, unknown>;
    const requirement = (operation['x-requirements'] as { tolerated?: { schema?: unknown }[] }[]).find((item) =>
      item.tolerated?.some((reading) => reading.schema),
    );
    const reading = requirement?.tolerated?.find((item) => item.schema);
    expect(reading).toBeDefined();
    (reading as { schema: unknown }).schema = { type: 'text' };
    const problems = invalidSchemaObjects(spec);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/paths\/.*\/x-requirements\/\d+\/tolerated\/\d+\/schema: not a JSON Schema/);
  });

  it('refuses to load a spec whose schema is not JSON Schema, naming where (CONF_SPEC_INVALID)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'schema-validity-'));
    const file = path.join(folder, 'spec.yaml');
    const text = readFileSync(specFile('lbaas-healthmonitors'), 'utf8');
    expect(text).toContain('type: integer');
    writeFileSync(file, text.replace('type: integer', 'type: 7'));
    await expect(loadSpecFile({ api: 'lbaas-healthmonitors', file, sourceDocument: 'x' })).rejects.toMatchObject({
      code: 'CONF_SPEC_INVALID',
      message: expect.stringMatching(/schema.*not a JSON Schema/),
    });
  });
});

describe('the project’s schema files', () => {
  const files = execFileSync('git', ['ls-files', '*.schema.json'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

  it('are the ones the project keeps (the list is not empty)', () => {
    expect(files).toEqual(expect.arrayContaining(['apis/config.schema.json', 'reports/results.schema.json', 'engine/run/baseline.schema.json']));
  });

  it.each(files)('%s is JSON Schema 2020-12', (file) => {
    const ajv = createAjv({ checkSchemas: true });
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')) as object;
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('the check can fail: a schema file with a wrong keyword value is refused', () => {
    const ajv = createAjv({ checkSchemas: true });
    expect(ajv.validateSchema({ type: 'object', properties: { port: { minimum: 'one' } } })).toBe(false);
  });
});
