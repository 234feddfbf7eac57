import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../engine/project-files.ts';

/** A data file of the project (case tables, hand lists), by its path from the project root. */
export function readProjectYaml<T>(relativePath: string): T {
  return parse(readFileSync(path.join(PROJECT_ROOT, relativePath), 'utf8')) as T;
}
