import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { COMPILED_FOLDER, PROJECT_ROOT, sourcePath } from '../project-files.ts';

/**
 * The specs the build validated (tools/build.mjs, after compiling). Validating a spec (swagger-parser
 * against the OpenAPI 3.1 schema, then the x-requirements schema) costs about half a second of
 * CPU at a process's start; its verdict depends only on the spec's text, the x-requirements schema
 * and swagger-parser's version, so a spec whose key the build recorded is valid without a second
 * look. Any other text (an edited spec, a new API's) is validated as always.
 */
const RECORD = path.join(PROJECT_ROOT, COMPILED_FOLDER, 'validated-specs.json');
const EXTENSIONS_SCHEMA = sourcePath(new URL('./spec-extensions.schema.json', import.meta.url));

function validatorsVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('@apidevtools/swagger-parser/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** What a spec file's validity depends on, hashed. */
export function validationKey(specFile: string): string {
  return createHash('sha256')
    .update(validatorsVersion())
    .update('\0')
    .update(readFileSync(EXTENSIONS_SCHEMA))
    .update('\0')
    .update(readFileSync(specFile))
    .digest('hex');
}

let recorded: ReadonlySet<string> | undefined;

export function validatedByTheBuild(specFile: string): boolean {
  if (!recorded) {
    try {
      recorded = new Set(JSON.parse(readFileSync(RECORD, 'utf8')) as string[]);
    } catch {
      recorded = new Set();
    }
  }
  return recorded.has(validationKey(specFile));
}

/** The build's record: the keys of the spec files that passed a full validation. */
export function recordValidatedSpecs(specFiles: readonly string[]): void {
  writeFileSync(RECORD, `${JSON.stringify(specFiles.map(validationKey))}\n`);
}
