import { existsSync } from 'node:fs';
import { loadSpec } from '../../apis/api-specs.ts';
import { UsageError } from '../../engine/errors.ts';
import { apisOfResultFiles, mergeResultFiles } from '../../reports/merge-results.ts';
import { parseCommandOptions, REPORT_OPTIONS } from '../arguments.ts';
import { prepareReportOutputs, writeReportOutputs } from '../report-outputs.ts';
import { formatSummary } from '../../reports/console-summary.ts';
import { appendJobSummary } from '../job-summary.ts';
import { baselineOption } from '../baseline-option.ts';

/**
 * `conformance report RESULTS.json... [--html] [--junit] [--baseline]`: the verdicts of saved
 * results, several files (the shards of one run) merged into one, and the reports asked for.
 * Exits as the merged run would have: the gate of a sharded CI run.
 */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandOptions('report', args, REPORT_OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('report: name at least one results file written by `conformance run --json FILE`');
  // The inputs first: a missing results file is the first thing to fix.
  for (const file of positionals)
    if (!existsSync(file)) throw new UsageError(`${file}: cannot read the results file: no such file`, 'Give the files `conformance run --json FILE` wrote.');
  const outputs = { html: values.html, junit: values.junit };
  prepareReportOutputs(outputs);
  const specs = await Promise.all((await apisOfResultFiles(positionals)).map((api) => loadSpec(api)));
  const baseline = await baselineOption(values.baseline, values['strict-baseline']);
  const model = await mergeResultFiles(positionals, specs, { strict: values.strict ?? false, ...(baseline ? { baseline } : {}) });
  for (const warning of model.warnings) process.stderr.write(`conformance: ${warning}\n`);
  process.stdout.write(formatSummary(model.apis, model.run.baseline));
  process.stdout.write(
    `${model.run.cases} cases from ${positionals.length} result file${positionals.length === 1 ? '' : 's'}${model.run.complete ? '' : ' (incomplete)'}: ${model.run.exitCode === 0 ? 'conformant' : 'NOT conformant'}\n`,
  );
  for (const line of await writeReportOutputs(model, outputs)) process.stdout.write(`${line}\n`);
  appendJobSummary(model);
  return model.run.exitCode;
}
