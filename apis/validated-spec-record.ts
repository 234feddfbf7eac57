import { recordValidatedSpecs } from '../engine/spec/validated-specs.ts';
import { loadSpec } from './api-specs.ts';
import { API_NAMES, specFile } from './catalogue.ts';

/**
 * The build's last step (tools/build.mjs): every registered spec is validated in full, and those
 * that pass are recorded, so the CLI does not validate them again at each start.
 */
export async function recordRegisteredSpecs(): Promise<void> {
  const valid: string[] = [];
  for (const api of API_NAMES) {
    try {
      await loadSpec(api);
      valid.push(specFile(api));
    } catch {
      // Left out: the CLI validates it, and says why, when it loads it.
    }
  }
  recordValidatedSpecs(valid);
}
