import { readFileSync } from 'node:fs';
import { PROJECT_ROOT } from './project-files.ts';

/** The suite's version (package.json), recorded in every results file and printed by --version. */
export function suiteVersion(): string {
  return (JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string }).version;
}
