import { API_NAMES } from '../apis/catalogue.ts';
import { UsageError } from '../engine/errors.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { loadBaseline, type Baseline } from '../engine/run/baseline.ts';

/** --baseline FILE [--strict-baseline]: checked against every spec's requirement ids, so a typo is an error, not a silent excuse. */
export async function baselineOption(file: string | undefined, strict: boolean | undefined): Promise<Baseline | undefined> {
  if (file === undefined) {
    if (strict) throw new UsageError('--strict-baseline needs --baseline FILE');
    return undefined;
  }
  const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
  return loadBaseline(file, new Set(specs.flatMap((spec) => spec.requirements.map((requirement) => requirement.id))), strict ?? false);
}
