import { suiteVersion } from '../engine/suite-version.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { CaseSelection } from './case-selection.ts';
import { planFingerprint } from './plan-fingerprint.ts';
import { RESULTS_FORMAT_VERSION, type RecordedSelection, type RunHeader } from '../engine/run/results-document.ts';

/** The selection as a results file records it: what chose the cases, the shard apart. */
export function recordedSelection(selection: CaseSelection | undefined, cases?: string[]): RecordedSelection {
  return {
    ...(selection?.include?.length ? { include: selection.include } : {}),
    ...(selection?.exclude?.length ? { exclude: selection.exclude } : {}),
    ...(selection?.negativeOnly ? { negativeOnly: true } : {}),
    ...(selection?.maxCreates !== undefined ? { maxCreates: selection.maxCreates } : {}),
    ...(cases ? { cases } : {}),
  };
}

export interface HeaderFacts {
  startedAt: Date;
  targets: string[];
  seed: number;
  runs: number;
  strict: boolean;
  apis: string[];
  selection?: CaseSelection;
  /** Known once the specs are loaded; a run that failed before has none. */
  specs?: LoadedSpec[];
  config?: ConformanceConfig;
  replay?: { of: string; cases: string[] };
  label?: string;
}

/** What a results file says of the run that wrote it: enough for a merge to tell its shards apart from another run's. */
export function runHeader(facts: HeaderFacts): RunHeader {
  const version = suiteVersion();
  const selection = recordedSelection(facts.selection, facts.replay?.cases);
  // The plan a replay picks its cases from is the recorded run's: the case ids do not enter its fingerprint.
  const { cases: _replayed, ...planSelection } = selection;
  const { specs, config } = facts;
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    suiteVersion: version,
    startedAt: facts.startedAt.toISOString(),
    target: facts.targets.join(', '),
    seed: facts.seed,
    runs: facts.runs,
    strict: facts.strict,
    apis: facts.apis,
    ...(facts.selection?.shard ? { shard: facts.selection.shard } : {}),
    ...(specs && config
      ? {
          plans: Object.fromEntries(
            specs.map((spec) => [
              spec.api,
              planFingerprint(spec, config, { suiteVersion: version, seed: facts.seed, runs: facts.runs, selection: planSelection }),
            ]),
          ),
        }
      : {}),
    ...(Object.keys(selection).length ? { selection } : {}),
    ...(facts.replay ? { replayOf: facts.replay.of } : {}),
    ...(facts.label ? { label: facts.label } : {}),
  };
}
