#!/usr/bin/env node
// The CLI entry. It runs the compiled modules of dist/ (npm run build; npm ci builds them) when they
// were built from the sources as they are now; else the TypeScript sources through tsx, which is
// correct, only slower to start: a stale dist/ never runs (bin/dist-freshness.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from './dist-freshness.js';

// A reader that stops early (`conformance specs --json | head`) closes the pipe: that ends the
// output, it is no error of the command's.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

async function loadMain() {
  if (distIsFresh(root)) return (await import('../dist/cli/main.js')).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
