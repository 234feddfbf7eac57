// Whether dist/ holds the sources as they are now. The build (tools/build.mjs) records the state
// of the shipped sources, their data files and the build's inputs, read before it compiles; dist/
// is fresh while that state has not moved: no file changed since (ctime), and the same files are
// there (a file removed or renamed changes the list). Plain JavaScript: bin/conformance.js asks
// before anything is compiled or registered.
//
// The ctime is read, not the mtime: no tool sets it back, so a file copied with its old mtime
// (cp -p, tar, rsync -a) still counts as a change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The folders tsconfig.build.json compiles (suites/compiled-cli.test.ts checks they agree). */
export const SHIPPED_FOLDERS = ['engine', 'apis', 'cli', 'mock', 'generators', 'runner', 'reports'];
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
/** What bin/conformance.js imports from dist/. */
const COMPILED_ENTRY = path.join('dist', 'cli', 'main.js');
const STAMP = path.join('dist', 'build-stamp.json');

/** What .gitignore keeps out of the shipped folders: generated reports, logs, scratch and dot files. */
function ignored(relative, name) {
  return relative === path.join('reports', 'output') || name.startsWith('.') || name.endsWith('.log');
}

function addFilesUnder(root, relative, files) {
  for (const name of readdirSync(path.join(root, relative)).sort()) {
    const child = path.join(relative, name);
    if (ignored(child, name)) continue;
    const stats = statSync(path.join(root, child));
    if (stats.isDirectory()) addFilesUnder(root, child, files);
    else files.push({ file: child, changed: stats.ctimeMs });
  }
}

/** The sources' state: the latest change (ctime, ms) among the files, and a digest of their list. */
export function sourceState(root) {
  const files = [];
  for (const file of BUILD_INPUTS) {
    const stats = statSync(path.join(root, file), { throwIfNoEntry: false });
    if (stats) files.push({ file, changed: stats.ctimeMs });
  }
  for (const folder of SHIPPED_FOLDERS) addFilesUnder(root, folder, files);
  return {
    latestChange: Math.max(...files.map(({ changed }) => changed)),
    files: createHash('sha256')
      .update(files.map(({ file }) => file).join('\n'))
      .digest('hex'),
  };
}

/** Called by the build once dist/ is complete, with the state it read before compiling. */
export function writeStamp(root, state) {
  writeFileSync(path.join(root, STAMP), `${JSON.stringify(state)}\n`);
}

/** dist/ was built, completely, from the sources as they are now. */
export function distIsFresh(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(root, STAMP), 'utf8'));
    statSync(path.join(root, COMPILED_ENTRY));
  } catch {
    return false;
  }
  const now = sourceState(root);
  return now.files === stamp.files && now.latestChange <= stamp.latestChange;
}
