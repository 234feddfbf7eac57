import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { COMPILED_FOLDER, PROJECT_ROOT, sourcePath } from '../project-files.ts';

/**
 * The specs as the build loaded them (tools/build.mjs, after compiling). Loading a spec (parsing its
 * YAML, validating it with swagger-parser against the OpenAPI 3.1 schema, dereferencing it,
 * checking its x-requirements) cost about half a second of CPU at each start. What it yields
 * depends only on the spec's text, the x-requirements schema, swagger-parser's version and the
 * loader's own code: the build keeps each registered spec that loads, as written and
 * dereferenced, in JSON under a key of those four, and the loader takes it from there. Any other
 * text (an edited spec, a new API's) is loaded in full, as always; so is every spec once the
 * loader is edited, also when the sources run through tsx beside an older dist/.
 */
const FOLDER = path.join(PROJECT_ROOT, COMPILED_FOLDER, 'specs');
const EXTENSIONS_SCHEMA = sourcePath(new URL('./spec-extensions.schema.json', import.meta.url));
const LOADER = sourcePath(new URL('./spec-loader.ts', import.meta.url));

/** A spec as the build loaded it: the YAML as written, and the document with every `$ref` inlined. */
export interface BuiltSpec {
  raw: object;
  document: object;
}

function swaggerParserVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('@apidevtools/swagger-parser/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** What loading a spec file yields depends on, hashed. */
export function specKey(specFile: string): string {
  return createHash('sha256')
    .update(swaggerParserVersion())
    .update('\0')
    .update(readFileSync(EXTENSIONS_SCHEMA))
    .update('\0')
    .update(readFileSync(LOADER))
    .update('\0')
    .update(readFileSync(specFile))
    .digest('hex');
}

/** The spec as the build loaded it, when the build kept this very text. */
export function builtSpec(specFile: string): BuiltSpec | undefined {
  try {
    return JSON.parse(readFileSync(path.join(FOLDER, `${specKey(specFile)}.json`), 'utf8')) as BuiltSpec;
  } catch {
    return undefined;
  }
}

/** The build keeps a spec that loaded in full. */
export function keepBuiltSpec(specFile: string, spec: BuiltSpec): void {
  mkdirSync(FOLDER, { recursive: true });
  writeFileSync(path.join(FOLDER, `${specKey(specFile)}.json`), JSON.stringify({ raw: spec.raw, document: spec.document }));
}
