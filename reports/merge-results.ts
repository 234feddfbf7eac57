import { stat } from 'node:fs/promises';
import path from 'node:path';
import { API_NAMES } from '../apis/catalogue.ts';
import { type ApiName } from '../engine/api-name.ts';
import { ResultsFileError, UsageError } from '../engine/errors.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import { COMPUTED_NOT_RUN_REASONS } from '../engine/run/verdicts.ts';
import { LEFT_BY_SHARD } from '../engine/run/not-sent-reasons.ts';
import { ReportAccumulator, type RunFacts } from './report-accumulator.ts';
import type { ReportModel } from './report-model.ts';
import { readResultsFile, readResultsHeader, type ResultPosition } from './results-file.ts';
import { checkRunEndings, checkRunHeaders } from './shard-set.ts';
import type { Baseline } from '../engine/run/baseline.ts';

/**
 * Merges saved result files (the shards of one large run, or runs of different APIs) into one
 * report model, streaming every file through a single ReportAccumulator.
 */

export interface MergeOptions {
  /** The CLI's --strict; the merge is strict when this is or any file's run was. */
  strict?: boolean;
  /** --baseline: known deviations. */
  baseline?: Baseline;
}

/** What one file says of its run, once read. */
interface FileSummary {
  file: string;
  header: RunHeader;
  footer?: RunFooter;
  /** The summary's, or for a killed run the file's last modification (its last result). */
  finishedAt: string;
  durationMs: number;
  truncatedLine?: number;
}

/** The APIs the files hold results of (from each header), in the catalogue's order: the specs mergeResultFiles needs. */
export async function apisOfResultFiles(files: string[]): Promise<ApiName[]> {
  const headers = await Promise.all(files.map((file) => readResultsHeader(file)));
  const named = new Set(headers.flatMap((header) => header.apis));
  return API_NAMES.filter((api) => named.has(api));
}

/** Every case id seen so far and the file it came from: the same case twice means a shard given twice. */
class CaseIds {
  private readonly fileOf = new Map<string, number>();

  constructor(private readonly files: string[]) {}

  claim(caseId: string, fileIndex: number, position: ResultPosition): void {
    const earlier = this.fileOf.get(caseId);
    if (earlier === undefined) {
      this.fileOf.set(caseId, fileIndex);
      return;
    }
    const where = earlier === fileIndex ? 'earlier in the same file' : `in ${this.files[earlier]} too`;
    throw new ResultsFileError(this.files[fileIndex] as string, `the case ${caseId} is ${where}: a shard given twice, or two runs of the same cases?`, {
      line: position.line,
      hint: 'Merge each shard of a run once; merge different runs only when they test different APIs.',
    });
  }
}

function refuseRepeatedPaths(files: string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(path.resolve(file));
    if (earlier !== undefined) throw new ResultsFileError(file, `is given twice (also as ${earlier})`, { hint: 'Merge each shard of a run once.' });
    seen.set(path.resolve(file), file);
  }
}

function refuseUnspecifiedApi(file: string, api: ApiName, specApis: Set<ApiName>, position: ResultPosition): void {
  if (specApis.has(api)) return;
  throw new ResultsFileError(file, `holds results of ${api}, but no spec of ${api} was given to merge them with`, {
    line: position.line,
    hint: 'Load the specs of apisOfResultFiles(files).',
  });
}

async function summarize(file: string, header: RunHeader, footer: RunFooter | undefined, truncatedLine: number | undefined): Promise<FileSummary> {
  const base = { file, header, ...(truncatedLine !== undefined ? { truncatedLine } : {}) };
  if (footer) return { ...base, footer, finishedAt: footer.finishedAt, durationMs: footer.durationMs };
  const lastWritten = (await stat(file)).mtime;
  return { ...base, finishedAt: lastWritten.toISOString(), durationMs: Math.max(0, lastWritten.getTime() - Date.parse(header.startedAt)) };
}

/** The not-run reasons the planner gave (first file first), for requirements no merged case may reach. */
function plannedNotRunReasons(summaries: FileSummary[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const verdict of summaries.flatMap((summary) => summary.footer?.verdicts ?? [])) {
    const reason = verdict.notRunReason;
    if (reason !== undefined && !COMPUTED_NOT_RUN_REASONS.has(reason) && !reasons.has(verdict.requirementId)) reasons.set(verdict.requirementId, reason);
  }
  return reasons;
}

function byTime(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function sortedUnique<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
}

/** A run against several targets writes them joined with ", " (runner/run-conformance.ts). */
function targetsOf(header: RunHeader): string[] {
  return header.target.split(', ').filter(Boolean);
}

function runFacts(summaries: FileSummary[], options: MergeOptions): RunFacts {
  const [first] = summaries as [FileSummary, ...FileSummary[]];
  return {
    suiteVersion: first.header.suiteVersion,
    startedAt: summaries.map((summary) => summary.header.startedAt).sort(byTime)[0] as string,
    finishedAt: summaries
      .map((summary) => summary.finishedAt)
      .sort(byTime)
      .at(-1) as string,
    durationMs: summaries.reduce((sum, summary) => sum + summary.durationMs, 0),
    targets: sortedUnique(summaries.flatMap((summary) => targetsOf(summary.header))),
    seeds: sortedUnique(summaries.map((summary) => summary.header.seed)),
    runs: sortedUnique(summaries.map((summary) => summary.header.runs)),
    strict: Boolean(options.strict) || summaries.some((summary) => summary.header.strict),
    complete: summaries.every((summary) => summary.footer?.complete === true),
    notSent: notSentOverall(summaries),
    sources: summaries.map((summary) => summary.file),
    ...labelOf(summaries),
  };
}

/** The target's label, when every file names the same one. */
function labelOf(summaries: FileSummary[]): { label?: string } {
  const labels = new Set(summaries.map((summary) => summary.header.label));
  const [label] = labels;
  return labels.size === 1 && label !== undefined ? { label } : {};
}

/** Summed over the files; a case one shard left to "another shard" was that shard's to send. */
function notSentOverall(summaries: FileSummary[]): Record<string, number> {
  const left: Record<string, number> = {};
  for (const summary of summaries) {
    for (const [why, count] of Object.entries(summary.footer?.notSent ?? {})) if (why !== LEFT_BY_SHARD) left[why] = (left[why] ?? 0) + count;
  }
  return left;
}

function fileWarnings(summary: FileSummary): string[] {
  const warnings: string[] = [];
  if (summary.truncatedLine !== undefined)
    warnings.push(`${summary.file}: line ${summary.truncatedLine} was cut short (the run was killed while writing it); what it held is left out.`);
  if (!summary.footer)
    warnings.push(
      `${summary.file} has no summary: its run was killed before it ended, so the report is incomplete (its finish time is the file's last modification).`,
    );
  else if (!summary.footer.complete)
    warnings.push(`${summary.file}: its run stopped before every case was sent (deadline or interrupt), so the report is incomplete.`);
  return warnings;
}

/**
 * Reads every file (one after the other, each streamed) into one ReportAccumulator and builds
 * the report: verdicts from all the results together, run facts from all the headers and
 * summaries. `specs` must cover every API the files hold (see apisOfResultFiles). Throws a
 * ResultsFileError for an unreadable or invalid file, and for a case found twice.
 */
export async function mergeResultFiles(files: string[], specs: LoadedSpec[], options: MergeOptions = {}): Promise<ReportModel> {
  if (files.length === 0) throw new UsageError('no results file to merge');
  refuseRepeatedPaths(files);
  const headerWarnings = checkRunHeaders(await Promise.all(files.map(async (file) => ({ file, header: await readResultsHeader(file) }))));
  const accumulator = new ReportAccumulator(specs);
  const specApis = new Set(specs.map((spec) => spec.api));
  const caseIds = new CaseIds(files);
  const summaries: FileSummary[] = [];
  for (const [index, file] of files.entries()) {
    const contents = await readResultsFile(file, (result, position) => {
      refuseUnspecifiedApi(file, result.api, specApis, position);
      caseIds.claim(result.caseId, index, position);
      accumulator.add(result);
    });
    summaries.push(await summarize(file, contents.header, contents.footer, contents.truncatedLine));
  }
  checkRunEndings(summaries);
  for (const [requirementId, reason] of plannedNotRunReasons(summaries)) accumulator.notRunnable(requirementId, reason);
  return accumulator.build(runFacts(summaries, options), [...headerWarnings, ...summaries.flatMap(fileWarnings)], options.baseline);
}
