import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { SpecError } from '../errors.ts';

/** A project YAML file (a spec, a lifecycle) parsed; unreadable or malformed says which file. */
export function readYamlFile(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpecError('CONF_SPEC_UNREADABLE', file, (error as Error).message, { cause: error });
  }
}
