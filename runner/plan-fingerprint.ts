import { createHash } from 'node:crypto';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { canonicalJson } from '../generators/schema/canonical-json.ts';
import type { RecordedSelection } from '../engine/run/results-document.ts';

/**
 * A hash of everything that decides one API's plan: the spec as written, the fixtures, the seed,
 * runs and case selection, and the suite version. The shards of one run share it; a shard of
 * another plan (another seed, spec or fixture) does not, and a merge refuses it.
 */
export function planFingerprint(
  spec: LoadedSpec,
  config: ConformanceConfig,
  plan: { suiteVersion: string; seed: number; runs: number; selection: RecordedSelection },
): string {
  const decides = {
    suiteVersion: plan.suiteVersion,
    spec: spec.raw,
    fixtures: config.fixtures[spec.api] ?? null,
    seed: plan.seed,
    runs: plan.runs,
    selection: plan.selection,
  };
  return createHash('sha256').update(canonicalJson(decides)).digest('hex');
}
