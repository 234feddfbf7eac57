import { existsSync } from 'node:fs';
import { loadSpec } from '../engine/spec-loader.ts';
import { UsageError } from '../engine/errors.ts';
import { apisOfResultFiles, mergeResultFiles } from '../reports/merge-results.ts';
import { parseCommandOptions, REPORT_OPTIONS } from './arguments.ts';
import { prepareReportOutputs, writeReportOutputs } from './report-outputs.ts';
import { formatSummary } from '../runner/console-report.ts';
import { appendJobSummary } from './job-summary.ts';

/**
 * `conformance report RESULTS.json... --html --junit`: the reports of saved results, several
 * files (the shards of one run) merged into one. Exits as the merged run would have.
 */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandOptions('report', args, REPORT_OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('report: name at least one results file written by `conformance run --json FILE`');
  // The inputs first: a missing results file is the first thing to fix.
  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`${file}: cannot read the results file: no such file`, 'Give the files `conformance run --json FILE` wrote.');
  if (!values.html && !values.junit) throw new UsageError('report: say what to write: --html FILE.html and/or --junit FILE.xml');
  const outputs = { html: values.html, junit: values.junit };
  prepareReportOutputs(outputs);
  const specs = await Promise.all((await apisOfResultFiles(positionals)).map((api) => loadSpec(api)));
  const model = await mergeResultFiles(positionals, specs, { strict: values.strict ?? false });
  for (const warning of model.warnings) process.stderr.write(`conformance: ${warning}\n`);
  process.stdout.write(formatSummary(model.apis));
  process.stdout.write(`${model.run.cases} cases from ${positionals.length} result file${positionals.length === 1 ? '' : 's'}${model.run.complete ? '' : ' (incomplete)'}: ${model.run.exitCode === 0 ? 'conformant' : 'NOT conformant'}\n`);
  for (const line of writeReportOutputs(model, outputs)) process.stdout.write(`${line}\n`);
  appendJobSummary(model);
  return model.run.exitCode;
}
