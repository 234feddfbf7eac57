#!/usr/bin/env node
// The CLI entry: TypeScript sources run through tsx, so `npm ci` is the whole install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
