import { UsageError } from '../../engine/errors.ts';
import { isApiName } from '../../apis/catalogue.ts';
import type { ApiName } from '../../engine/api-name.ts';
import { loadConfig } from '../../apis/config.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { readResultsFile } from '../../reports/results-file.ts';
import type { RunHeader } from '../../engine/run/results-document.ts';
import { runHeader } from '../../runner/run-header.ts';
import { existingFileOption, parseCommandOptions, REPLAY_OPTIONS } from '../arguments.ts';
import { executeRun } from './run.ts';

/**
 * `conformance replay RESULTS.json [--case ID]... [--failed]`: sends recorded cases again and
 * judges them again. The cases are planned anew from the recorded seed, runs and selection,
 * so requests are signed afresh and unique names are new; the plan's fingerprint proves they
 * are the very requests recorded (the spec, fixtures and suite version are unchanged).
 */

interface RecordedCase {
  caseId: string;
  api: ApiName;
  passed: boolean;
}

async function recordedCases(file: string): Promise<{ header: RunHeader; cases: RecordedCase[] }> {
  const cases: RecordedCase[] = [];
  const { header } = await readResultsFile(file, (result) => cases.push({ caseId: result.caseId, api: result.api, passed: result.passed }));
  return { header, cases };
}

function chosenCases(file: string, cases: RecordedCase[], asked: string[] | undefined, failedOnly: boolean): RecordedCase[] {
  const byId = new Map(cases.map((item) => [item.caseId, item]));
  const unknown = (asked ?? []).filter((id) => !byId.has(id));
  if (unknown.length)
    throw new UsageError(
      `replay: ${file} holds no case ${unknown.map((id) => JSON.stringify(id)).join(', ')}`,
      'Give case ids as the results file (or the report) names them, e.g. lbaas-healthmonitors/timeout-lt-delay#negative-1.',
    );
  const named = asked?.length ? asked.map((id) => byId.get(id) as RecordedCase) : cases;
  return failedOnly ? named.filter((item) => !item.passed) : named;
}

/** The recorded plan of each API replayed must be the one the specs and config give now. */
async function assertSamePlans(file: string, header: RunHeader, apis: ApiName[], configFile: string | undefined): Promise<void> {
  if (!header.plans) {
    throw new UsageError(
      `replay: ${file} was written before results recorded their plan, so a replay could send other requests under the same case ids`,
      `Run again with the recorded seed instead: npx conformance run --seed ${header.seed} --runs ${header.runs}`,
    );
  }
  const config = loadConfig(existingFileOption('config', configFile));
  const specs = await Promise.all(apis.map((api) => loadSpec(api)));
  const now = runHeader({
    startedAt: new Date(),
    targets: [],
    seed: header.seed,
    runs: header.runs,
    strict: header.strict,
    apis,
    selection: header.selection ?? {},
    specs,
    config,
  });
  const changed = apis.filter((api) => now.plans?.[api] !== header.plans?.[api]);
  if (changed.length) {
    throw new UsageError(
      `replay: the plan of ${changed.join(', ')} is not the recorded one (the spec, the config's fixtures or the suite version changed since ${file} was written): a replay would send other requests under the same case ids`,
      `Give the config the recorded run used (--config), or run again: npx conformance run --seed ${header.seed} --runs ${header.runs}`,
    );
  }
}

export async function replayCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandOptions('replay', args, REPLAY_OPTIONS, true);
  if (positionals.length !== 1) throw new UsageError('replay: name one results file written by `conformance run --json FILE`');
  const file = positionals[0] as string;
  const { header, cases } = await recordedCases(file);
  if (cases.length === 0)
    throw new UsageError(`replay: ${file} holds no case to replay`, 'Its run sent no case (it ended early, or exit 2); replay a file with results.');
  const chosen = chosenCases(file, cases, values.case, values.failed ?? false);
  if (chosen.length === 0) {
    process.stdout.write(`Nothing to replay: ${values.failed ? 'no case failed' : 'no case chosen'} in ${file}.\n`);
    return 0;
  }
  const apis = [...new Set(chosen.map((item) => item.api))].filter(isApiName);
  await assertSamePlans(file, header, apis, values.config);
  const ids = chosen.map((item) => item.caseId);
  process.stdout.write(`Replaying ${ids.length} case${ids.length === 1 ? '' : 's'} of ${file} (seed ${header.seed}, runs ${header.runs}).\n`);
  // The recorded selection chose the plan; the shard is not kept (the case ids pick from the whole plan).
  const { cases: _previous, ...selection } = header.selection ?? {};
  return executeRun(
    { ...values, strict: (values.strict ?? false) || header.strict },
    { seed: header.seed, runs: header.runs, apis, apisNamed: true, selection: { ...selection, cases: ids }, replay: { of: file, cases: ids } },
  );
}
