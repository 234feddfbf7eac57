// Part of `npm run build` (tools/build.mjs): the planning thread's modules, compiled to dist/ by
// tsc, bundled into one file with the packages they import (ajv, fast-check, yaml, ...),
// dist/runner/plan-worker.bundle.js. A thread loads that file in 90-100 ms, against 150-180 ms
// with the packages outside the bundle and 250 ms for its 150 modules and the packages' hundreds
// one by one (and it loads them beside the run's own thread, which is loading its own).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * A module finds its data files through `import.meta.url` (engine/project-files.ts): inside the
 * bundle, each module's `import.meta.url` (a package's too) is rewritten to the URL of its file
 * (compiled in dist/, or in node_modules/), reached from the bundle's own URL, so that the bundle
 * finds them wherever the project is.
 */
function ownModuleUrls(bundleFile) {
  return {
    name: 'own-module-urls',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
        const relative = path.relative(path.dirname(bundleFile), args.path).split(path.sep).join('/');
        const fromBundle = JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`);
        return { contents: text.replaceAll('import.meta.url', `new URL(${fromBundle}, import.meta.url).href`), loader: 'js' };
      });
    },
  };
}

/** Writes the bundle from dist/runner/plan-worker.js; false (and why, on stderr) when esbuild is not installed or tsc wrote no such module. */
export async function bundlePlanWorker(root) {
  const entry = path.join(root, 'dist', 'runner', 'plan-worker.js');
  if (!existsSync(entry)) {
    console.error('build: no dist/runner/plan-worker.js: no planning thread to bundle');
    return false;
  }
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error('build: esbuild is not installed; the planning thread loads its modules one by one');
    return false;
  }
  // runner/plan-pool.ts loads it by this name.
  const bundleFile = path.join(root, 'dist', 'runner', 'plan-worker.bundle.js');
  await esbuild.build({
    entryPoints: [entry],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The packages written as CommonJS require Node's own modules: in an ES module, through this.
    banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
    plugins: [ownModuleUrls(bundleFile)],
    logLevel: 'warning',
  });
  return true;
}
