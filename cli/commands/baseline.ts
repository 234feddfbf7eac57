import { existsSync } from 'node:fs';
import { UsageError } from '../../engine/errors.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { baselineFromReport } from '../../reports/baseline-from-report.ts';
import { apisOfResultFiles, mergeResultFiles } from '../../reports/merge-results.ts';
import { BASELINE_OPTIONS, parseCommandOptions } from '../arguments.ts';

function dateOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new UsageError(`--expires must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function linkOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/\S+$/.test(value)) throw new UsageError(`--link must be an http(s) URL, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * `conformance baseline RESULTS.json... > baseline.json`: the known deviations of a run as a
 * baseline (each failing requirement, one entry), for `run --baseline` to gate on what is new.
 */
export async function baselineCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandOptions('baseline', args, BASELINE_OPTIONS, true);
  if (positionals.length === 0)
    throw new UsageError('baseline: name the results file(s) of the run whose deviations are known (`conformance run --json FILE`)');
  for (const file of positionals)
    if (!existsSync(file)) throw new UsageError(`${file}: cannot read the results file: no such file`, 'Give the files `conformance run --json FILE` wrote.');
  const defaults = {
    ...(values.reason ? { reason: values.reason } : {}),
    ...(values.link ? { link: linkOption(values.link) as string } : {}),
    ...(values.expires ? { expires: dateOption(values.expires) as string } : {}),
    ...(values.target ? { target: values.target } : {}),
  };
  const specs = await Promise.all((await apisOfResultFiles(positionals)).map((api) => loadSpec(api)));
  const model = await mergeResultFiles(positionals, specs);
  const baseline = baselineFromReport(model, defaults);
  process.stdout.write(`${JSON.stringify(baseline, null, 2)}\n`);
  process.stderr.write(
    `conformance: ${baseline.entries.length} known deviation${baseline.entries.length === 1 ? '' : 's'} from ${positionals.join(', ')}${model.run.complete ? '' : ' (an incomplete run: requirements it did not reach are not in it)'}.\n`,
  );
  return 0;
}
