import type { ApiName } from '../engine/api-name.ts';
import { loadSpecFile, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { sourceDocumentName, specFile } from './catalogue.ts';

/** One registered API's spec (its folder's spec.yaml), validated and dereferenced once per process. */
export function loadSpec(api: ApiName): Promise<LoadedSpec> {
  return loadSpecFile({ api, file: specFile(api), sourceDocument: sourceDocumentName(api) });
}
