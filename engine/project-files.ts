import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` writes the compiled modules, mirroring the source tree (tsconfig.build.json). */
export const COMPILED_FOLDER = 'dist';

function folderHoldingPackageJson(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

/** The project's root, the folder holding package.json: the same whether this module runs from its source or from dist/. */
export const PROJECT_ROOT = folderHoldingPackageJson(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The path of a data file named beside a module (`sourcePath(new URL('./x.json', import.meta.url))`).
 * A compiled module in dist/ reads it beside its source: each data file has one copy, in the source tree.
 */
export function sourcePath(url: URL): string {
  const file = fileURLToPath(url);
  const inCompiled = path.relative(path.join(PROJECT_ROOT, COMPILED_FOLDER), file);
  const outside = inCompiled === '..' || inCompiled.startsWith(`..${path.sep}`) || path.isAbsolute(inCompiled);
  return outside ? file : path.join(PROJECT_ROOT, inCompiled);
}

/** A JSON data file of the project (a schema), named beside a module; read, not imported (Node 20 warns on JSON modules). */
export function readSourceJson(url: URL): unknown {
  return JSON.parse(readFileSync(sourcePath(url), 'utf8'));
}
