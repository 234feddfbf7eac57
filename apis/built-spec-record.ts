import { keepBuiltSpec } from '../engine/spec/built-specs.ts';
import { loadSpec } from './api-specs.ts';
import { API_NAMES, specFile } from './catalogue.ts';

/**
 * The build's last step (tools/build.mjs): every registered spec is loaded in full (validated,
 * dereferenced), and those that load are kept, so the CLI does not do it again at each start.
 */
export async function keepRegisteredSpecs(): Promise<void> {
  for (const api of API_NAMES) {
    try {
      const spec = await loadSpec(api);
      keepBuiltSpec(specFile(api), spec);
    } catch {
      // Not kept: the CLI loads it in full, and says what is wrong, when it is asked for.
    }
  }
}
