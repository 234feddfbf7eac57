#!/usr/bin/env node
// The CLI entry: TypeScript sources run through tsx, so `npm ci` is the whole install.
import { register } from 'tsx/esm/api';

// A reader that stops early (`conformance specs --json | head`) closes the pipe: that ends the
// output, it is no error of the command's.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
