// `npm run build`, also npm's prepare step (so `npm ci` builds): compiles the shipped sources to
// dist/ (tsconfig.build.json), bundles the planning thread's modules in one file
// (tools/bundle-plan-worker.mjs) and stamps dist/ for bin/conformance.js, which runs it only while
// the stamp says it is fresh (bin/dist-freshness.js). The data files stay where they are: the compiled
// modules read them in the source tree (engine/project-files.ts).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distIsFresh, sourceState, writeStamp } from '../bin/dist-freshness.js';
import { bundlePlanWorker } from './bundle-plan-worker.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

function tscPath() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/** The specs that load in full (validated, dereferenced) are kept, so the CLI skips that work at each start (engine/spec/built-specs.ts). */
async function keepSpecs() {
  try {
    const { keepRegisteredSpecs } = await import(pathToFileURL(path.join(root, 'dist', 'apis', 'built-spec-record.js')).href);
    await keepRegisteredSpecs();
  } catch (error) {
    // A registry the CLI refuses: it will say so itself; the build is still complete.
    console.error(`build: no spec kept: ${error.message}`);
  }
}

// npm runs prepare again when it links the project itself (the first `npx conformance` of a
// project installs it into npx's cache as a link): nothing to compile while dist/ is fresh.
// `npm run build` always compiles.
if (process.env.npm_lifecycle_event === 'prepare' && distIsFresh(root)) {
  console.error('build: dist/ is fresh (built from the sources as they are): nothing to compile; npm run build compiles anyway');
  process.exit(0);
}

const tsc = tscPath();
if (!tsc) {
  // npm ci --omit=dev installs no compiler: the CLI runs the sources through tsx instead.
  console.error('build: typescript is not installed; dist/ not built (the CLI runs the sources through tsx)');
  process.exit(0);
}
// Read before compiling: a file edited while tsc runs leaves dist/ stale, never stamped fresh.
const state = sourceState(root);
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (status !== 0) {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  process.exit(status ?? 1);
}
await bundlePlanWorker(root);
await keepSpecs();
writeStamp(root, state);
