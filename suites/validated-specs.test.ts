// The build validates every registered spec once and records it (engine/spec/validated-specs.ts);
// a spec whose text differs from what the build validated is validated in full, as always.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_NAMES, sourceDocumentName, specFile } from '../apis/catalogue.ts';
import { COMPILED_FOLDER, PROJECT_ROOT } from '../engine/project-files.ts';
import { loadSpecFile } from '../engine/spec/spec-loader.ts';
import { validatedByTheBuild, validationKey } from '../engine/spec/validated-specs.ts';

const API = 'lbaas-healthmonitors';
const folder = mkdtempSync(path.join(tmpdir(), 'validated-specs-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A copy of the API's spec with one edit, in a file of its own. */
function editedSpec(name: string, edit: (text: string) => string): string {
  const file = path.join(folder, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(specFile(API), 'utf8')));
  return file;
}

const load = (file: string) => loadSpecFile({ api: API, file, sourceDocument: sourceDocumentName(API) });

describe('a spec the build did not validate', () => {
  it('is validated against the OpenAPI 3.1 schema: an edited spec that breaks it is refused', async () => {
    const file = editedSpec('no-info', (text) => text.replace(/^info:\n( {2}.*\n)+/m, ''));
    expect(validatedByTheBuild(file)).toBe(false);
    await expect(load(file)).rejects.toMatchObject({ code: 'CONF_SPEC_INVALID' });
  });

  it('is validated against the x-requirements schema: a requirement without its id is refused', async () => {
    const file = editedSpec('no-id', (text) => text.replace('        - id: lbaas-healthmonitors/auth-token-valid\n          ', '        - '));
    expect(validatedByTheBuild(file)).toBe(false);
    await expect(load(file)).rejects.toMatchObject({ code: 'CONF_SPEC_EXTENSIONS_INVALID' });
  });

  it('is known by its text: the same text has the same key wherever it is, one changed byte another', () => {
    expect(validationKey(editedSpec('same', (text) => text))).toBe(validationKey(specFile(API)));
    expect(validationKey(editedSpec('one-byte', (text) => `${text}\n`))).not.toBe(validationKey(specFile(API)));
  });
});

describe.runIf(existsSync(path.join(PROJECT_ROOT, COMPILED_FOLDER, 'validated-specs.json')))('the build’s record', () => {
  it('holds every registered spec', () => {
    expect(API_NAMES.filter((api) => !validatedByTheBuild(specFile(api)))).toEqual([]);
  });
});
