import type { ValidateFunction } from 'ajv';
import { createAjv } from './ajv-instance.ts';
import { readSourceJson } from '../project-files.ts';

/**
 * The validator of one of the project's schema files (`new URL('./x.schema.json', import.meta.url)`),
 * compiled on its first use rather than when its module loads: compiling costs tens of ms, and a
 * command that never reads that kind of file (a baseline, a fault catalogue) should not pay it.
 */
export function schemaFileValidator(schemaFile: URL): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => (validate ??= createAjv().compile(readSourceJson(schemaFile) as object));
}
