// The build loads every registered spec once, in full, and keeps it (engine/spec/built-specs.ts);
// a spec whose text differs from what the build kept is loaded in full, as always: validated and
// dereferenced.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_NAMES, sourceDocumentName, specFile } from '../apis/catalogue.ts';
import { COMPILED_FOLDER, PROJECT_ROOT } from '../engine/project-files.ts';
import { loadSpecFile } from '../engine/spec/spec-loader.ts';
import { builtSpec, specKey } from '../engine/spec/built-specs.ts';

const API = 'lbaas-healthmonitors';
const folder = mkdtempSync(path.join(tmpdir(), 'validated-specs-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A copy of an API's spec with one edit, in a file of its own. */
function editedSpec(name: string, edit: (text: string) => string, api = API): string {
  const file = path.join(folder, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(specFile(api), 'utf8')));
  return file;
}

const load = (file: string, api = API) => loadSpecFile({ api, file, sourceDocument: sourceDocumentName(api) });

describe('a spec the build did not keep', () => {
  it('is validated against the OpenAPI 3.1 schema: an edited spec that breaks it is refused', async () => {
    const file = editedSpec('no-info', (text) => text.replace(/^info:\n( {2}.*\n)+/m, ''));
    expect(builtSpec(file)).toBeUndefined();
    await expect(load(file)).rejects.toMatchObject({ code: 'CONF_SPEC_INVALID' });
  });

  it('is validated against the x-requirements schema: a requirement without its id is refused', async () => {
    const file = editedSpec('no-id', (text) => text.replace('        - id: lbaas-healthmonitors/auth-token-valid\n          ', '        - '));
    expect(builtSpec(file)).toBeUndefined();
    await expect(load(file)).rejects.toMatchObject({ code: 'CONF_SPEC_EXTENSIONS_INVALID' });
  });

  it('is known by its text: the same text has the same key wherever it is, one changed byte another', () => {
    expect(specKey(editedSpec('same', (text) => text))).toBe(specKey(specFile(API)));
    expect(specKey(editedSpec('one-byte', (text) => `${text}\n`))).not.toBe(specKey(specFile(API)));
  });
});

describe.runIf(existsSync(path.join(PROJECT_ROOT, COMPILED_FOLDER, 'specs')))('the specs the build kept', () => {
  it('are every registered spec, as written and dereferenced, as a full load gives them', async () => {
    for (const api of API_NAMES) {
      const built = builtSpec(specFile(api));
      // A comment changes the text, not the spec: this copy is loaded in full.
      const loaded = await load(
        editedSpec(`${api}-commented`, (text) => `${text}\n# not the text the build kept\n`, api),
        api,
      );
      expect(built, api).toEqual({ raw: loaded.raw, document: loaded.document });
    }
  });
});
