import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { UsageError } from '../engine/errors.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { planApi } from '../generators/case-planner.ts';
import { runWithReporters, type ReportedRunOutcome } from '../cli/run-with-reporters.ts';
import { ResultsStream } from '../runner/results-stream.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { VerdictTally } from '../engine/run/verdicts.ts';
import { apisOfResultFiles, mergeResultFiles } from '../reports/merge-results.ts';
import { ReportAccumulator } from '../reports/report-accumulator.ts';
import type { ReportModel } from '../reports/report-model.ts';
import { ResultsFileError } from '../engine/errors.ts';

const SEED = 7;
const RUNS = 3;

interface SavedRun {
  file: string;
  outcome: ReportedRunOutcome;
  specs: LoadedSpec[];
  header: RunHeader;
  results: CaseResult[];
  footer: RunFooter;
}

let dir: string;
/** A failing run of two APIs (the mock accepts a timeout not below the delay). */
const failing = {} as SavedRun;
/** A conforming run of a third API. */
const conforming = {} as SavedRun;

async function saveRun(into: SavedRun, name: string, apis: ApiName[], mockFaults: string[]): Promise<void> {
  into.file = path.join(dir, name);
  into.outcome = await runWithReporters({
    config: DEFAULT_CONFIG,
    apis,
    seed: SEED,
    runs: RUNS,
    strict: false,
    json: into.file,
    concurrency: 4,
    console: { write: () => undefined },
    progress: { write: () => undefined },
    showProgress: false,
    mockFaults,
  });
  into.specs = await Promise.all(apis.map((api) => loadSpec(api)));
  const document = JSON.parse(readFileSync(into.file, 'utf8')) as { run: RunHeader; results: CaseResult[]; summary: RunFooter };
  Object.assign(into, { header: document.run, results: document.results, footer: document.summary });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'merge-results-'));
  await saveRun(failing, 'failing.json', ['lbaas-healthmonitors', 'orchestration-stacks'], ['lbaas-accepts-timeout-not-below-delay']);
  await saveRun(conforming, 'conforming.json', ['cloud-databases-ha'], []);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a results file in the streamed format, as the run does. */
async function writeResults(name: string, header: RunHeader, results: CaseResult[], footer: RunFooter): Promise<string> {
  const file = path.join(dir, name);
  const stream = new ResultsStream(file, header);
  for (const result of results) await stream.add(result);
  await stream.finish(footer);
  return file;
}

/** Deals the items round-robin into `parts` piles (so no shard is a contiguous slice). */
function deal<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, part) => items.filter((_, index) => index % parts === part));
}

/** Why the planner could make no case for some requirements (what a run tells its tally first). */
function plannedNotRunnable(run: SavedRun): { requirementId: string; reason: string }[] {
  return run.specs.flatMap((spec) => planApi(spec, DEFAULT_CONFIG, { seed: SEED, runs: RUNS }).notRunnable);
}

/** The footer a shard running only these results would write: its own verdicts, with the planner's not-run reasons. */
function ownFooter(run: SavedRun, results: CaseResult[]): RunFooter {
  const tally = new VerdictTally(run.specs);
  for (const item of plannedNotRunnable(run)) tally.notRunnable(item.requirementId, item.reason);
  for (const result of results) tally.add(result);
  return { ...run.footer, verdicts: tally.verdicts() };
}

/** The header shard I of N writes. */
function shardHeader(header: RunHeader, index: number, count: number): RunHeader {
  return { ...header, shard: { index, count } };
}

async function shards(run: SavedRun, parts: number, footerOf: (results: CaseResult[]) => RunFooter = () => run.footer): Promise<string[]> {
  return Promise.all(
    deal(run.results, parts).map((results, part) =>
      writeResults(`${path.basename(run.file, '.json')}-${parts}-${part}.json`, shardHeader(run.header, part + 1, parts), results, footerOf(results)),
    ),
  );
}

/** What merging must reproduce of the run's own report: everything but when it finished and where it came from. */
function comparable(report: ReportModel): Omit<ReportModel, 'run'> & { run: Omit<ReportModel['run'], 'finishedAt' | 'durationMs' | 'sources'> } {
  const { finishedAt: _finishedAt, durationMs: _durationMs, sources: _sources, ...run } = report.run;
  return { ...report, run };
}

async function mergeError(files: string[], specs: LoadedSpec[]): Promise<unknown> {
  return mergeResultFiles(files, specs).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('merging result files into one report model', () => {
  it('gives back the run’s own report from its one file', async () => {
    const merged = await mergeResultFiles([failing.file], failing.specs);
    expect(comparable(merged)).toEqual(comparable(failing.outcome.report));
    expect(merged.run).toMatchObject({
      sources: [failing.file],
      durationMs: failing.footer.durationMs,
      finishedAt: failing.footer.finishedAt,
      complete: true,
      exitCode: 1,
    });
    expect(merged.run.cases).toBe(failing.outcome.cases);
    expect(merged.warnings).toEqual([]);
  });

  it.each([2, 4])('gives the unsplit run’s verdicts and counts from its results split into %i files', async (parts) => {
    const files = await shards(failing, parts);
    const merged = await mergeResultFiles(files, failing.specs);
    expect(comparable(merged)).toEqual(comparable(failing.outcome.report));
    expect(merged.run.sources).toEqual(files);
    expect(merged.run.durationMs).toBe(parts * failing.footer.durationMs);
  });

  it('recomputes why a requirement did not run when each shard wrote its own verdicts', async () => {
    const files = await shards(failing, 4, (results) => ownFooter(failing, results));
    const merged = await mergeResultFiles(files, failing.specs);
    expect(merged.requirements).toEqual(failing.outcome.report.requirements);
    expect(merged.run.exitCode).toBe(1);
  });

  it('does not carry one shard’s "no case tried it" over a requirement another shard tried with valid requests only', async () => {
    const untried = 'lbaas-healthmonitors/delay-required';
    const kept = failing.results.filter((result) => !(result.requirementId === untried && result.polarity === 'negative'));
    const negatives = kept.filter((result) => result.polarity === 'negative');
    const positives = kept.filter((result) => result.polarity === 'positive');
    const files = [
      await writeResults('negatives.json', shardHeader(failing.header, 1, 2), negatives, ownFooter(failing, negatives)),
      await writeResults('positives.json', shardHeader(failing.header, 2, 2), positives, ownFooter(failing, positives)),
    ];
    const expected = new ReportAccumulator(failing.specs);
    for (const item of plannedNotRunnable(failing)) expected.notRunnable(item.requirementId, item.reason);
    for (const result of kept) expected.add(result);
    const merged = await mergeResultFiles(files, failing.specs);
    expect(merged.requirements).toEqual(expected.build(failing.outcome.report.run).requirements);
    expect(merged.requirements.find((row) => row.id === untried)).toMatchObject({
      verdict: 'not-run',
      notRunReason: 'only valid requests tried it; none that breaks it was sent',
    });
  });

  it('unions two runs of different APIs', async () => {
    const files = [failing.file, conforming.file];
    const apis = await apisOfResultFiles(files);
    expect(apis).toEqual(['cloud-databases-ha', 'lbaas-healthmonitors', 'orchestration-stacks']);
    const specs = await Promise.all(apis.map((api) => loadSpec(api)));
    const merged = await mergeResultFiles(files, specs);
    expect(merged.apis.map((api) => api.api)).toEqual(apis);
    expect(merged.requirements).toEqual([...conforming.outcome.report.requirements, ...failing.outcome.report.requirements]);
    expect(merged.apis).toEqual([...conforming.outcome.report.apis, ...failing.outcome.report.apis]);
    expect(merged.run).toMatchObject({
      cases: failing.outcome.cases + conforming.outcome.cases,
      failedCases: failing.outcome.failedCases,
      targets: [...failing.outcome.report.run.targets, ...conforming.outcome.report.run.targets].sort(),
      seeds: [SEED],
      runs: [RUNS],
      startedAt: [failing.header.startedAt, conforming.header.startedAt].sort()[0],
      finishedAt: [failing.footer.finishedAt, conforming.footer.finishedAt].sort()[1],
      durationMs: failing.footer.durationMs + conforming.footer.durationMs,
      complete: true,
      exitCode: 1,
      sources: files,
    });
  });

  it('passes a conforming run: exit 0', async () => {
    const merged = await mergeResultFiles([conforming.file], conforming.specs);
    expect(merged.run).toMatchObject({ complete: true, exitCode: 0, failedCases: 0 });
  });

  it('is strict when asked, or when any file’s run was', async () => {
    expect((await mergeResultFiles([conforming.file], conforming.specs)).run.strict).toBe(false);
    expect((await mergeResultFiles([conforming.file], conforming.specs, { strict: true })).run.strict).toBe(true);
    const [first, second] = deal(conforming.results, 2) as [CaseResult[], CaseResult[]];
    const files = [
      await writeResults('lenient-shard.json', shardHeader(conforming.header, 1, 2), first, conforming.footer),
      await writeResults('strict-shard.json', { ...shardHeader(conforming.header, 2, 2), strict: true }, second, conforming.footer),
    ];
    expect((await mergeResultFiles(files, conforming.specs)).run.strict).toBe(true);
  });

  it('marks the report incomplete, and fails it, when a file has no summary (its run was killed)', async () => {
    const lines = readFileSync(conforming.file, 'utf8').split('\n');
    const killed = path.join(dir, 'killed.json');
    const cut = lines[6] as string;
    writeFileSync(killed, [...lines.slice(0, 6), cut.slice(0, 40)].join('\n'));
    const merged = await mergeResultFiles([killed], conforming.specs);
    expect(merged.run).toMatchObject({ complete: false, exitCode: 1, cases: 5, failedCases: 0 });
    expect(merged.warnings.join('\n')).toContain('killed.json has no summary');
    expect(merged.warnings.join('\n')).toContain('line 7 was cut short');
  });
});

describe('result files that cannot be merged', () => {
  it('the same file given twice', async () => {
    const error = await mergeError([failing.file, failing.file], failing.specs);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as ResultsFileError).message).toContain('given twice');
  });

  it('the same run given twice under two names: names both files', async () => {
    const copy = path.join(dir, 'copy-of-failing.json');
    copyFileSync(failing.file, copy);
    const error = await mergeError([failing.file, copy], failing.specs);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as ResultsFileError).code).toBe('CONF_RESULTS_INVALID');
    expect((error as ResultsFileError).message).toContain(`lbaas-healthmonitors is in 2 files (${failing.file}: a whole run, ${copy}: a whole run)`);
  });

  it('a shard given twice under two names: names both files', async () => {
    const [first, second] = await shards(failing, 2);
    const copy = path.join(dir, 'copy-of-shard-2.json');
    copyFileSync(second as string, copy);
    const message = ((await mergeError([first as string, second as string, copy], failing.specs)) as ResultsFileError).message;
    expect(message).toContain(`shard 2/2 of lbaas-healthmonitors is given twice (${second}, ${copy})`);
  });

  it('2 of 3 shards: names the missing one', async () => {
    const [first, , third] = await shards(failing, 3);
    const error = await mergeError([first as string, third as string], failing.specs);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as ResultsFileError).message).toContain('shard 2/3 of lbaas-healthmonitors is missing');
  });

  it('shards of two seeds: names the files of each', async () => {
    const [first, second] = deal(failing.results, 2) as [CaseResult[], CaseResult[]];
    const files = [
      await writeResults('seed-7.json', shardHeader(failing.header, 1, 2), first, failing.footer),
      await writeResults('seed-8.json', { ...shardHeader(failing.header, 2, 2), seed: 8 }, second, failing.footer),
    ];
    const message = ((await mergeError(files, failing.specs)) as ResultsFileError).message;
    expect(message).toContain('runs of different seeds');
    expect(message).toContain(`seed 7 (${files[0]})`);
    expect(message).toContain(`seed 8 (${files[1]})`);
  });

  it('shards of two plans (another spec, fixtures or selection)', async () => {
    const [first, second] = deal(failing.results, 2) as [CaseResult[], CaseResult[]];
    const otherPlans = Object.fromEntries(Object.keys(failing.header.plans ?? {}).map((api) => [api, 'f'.repeat(64)]));
    const files = [
      await writeResults('plan-a.json', shardHeader(failing.header, 1, 2), first, failing.footer),
      await writeResults('plan-b.json', { ...shardHeader(failing.header, 2, 2), plans: otherPlans }, second, failing.footer),
    ];
    expect(((await mergeError(files, failing.specs)) as ResultsFileError).message).toContain('come from different plans');
  });

  it('shards of two suite versions', async () => {
    const [first, second] = deal(conforming.results, 2) as [CaseResult[], CaseResult[]];
    const files = [
      await writeResults('current-version.json', shardHeader(conforming.header, 1, 2), first, conforming.footer),
      await writeResults('older-version.json', { ...shardHeader(conforming.header, 2, 2), suiteVersion: '0.0.9' }, second, conforming.footer),
    ];
    const message = ((await mergeError(files, conforming.specs)) as ResultsFileError).message;
    expect(message).toContain('different suite versions');
    expect(message).toContain('0.0.9');
  });

  it('a shard whose run ended with exit 2: says why it ended', async () => {
    const [first] = deal(failing.results, 2) as [CaseResult[], CaseResult[]];
    const files = [
      await writeResults('shard-ok.json', shardHeader(failing.header, 1, 2), first, failing.footer),
      await writeResults('shard-exit-2.json', shardHeader(failing.header, 2, 2), [], {
        ...failing.footer,
        complete: false,
        exitCode: 2,
        verdicts: [],
        error: { code: 'CONF_TARGET_UNREACHABLE', message: 'cannot reach http://10.0.0.1:9876: connection refused' },
      }),
    ];
    const message = ((await mergeError(files, failing.specs)) as ResultsFileError).message;
    expect(message).toContain('shard-exit-2.json: its run ended with exit 2, before any verdict: cannot reach http://10.0.0.1:9876: connection refused');
  });

  it('a shard that stopped before sending every case', async () => {
    const [first, second] = deal(failing.results, 2) as [CaseResult[], CaseResult[]];
    const files = [
      await writeResults('shard-whole.json', shardHeader(failing.header, 1, 2), first, failing.footer),
      await writeResults('shard-cut.json', shardHeader(failing.header, 2, 2), second.slice(0, 3), { ...failing.footer, complete: false }),
    ];
    expect(((await mergeError(files, failing.specs)) as ResultsFileError).message).toContain('shard-cut.json: shard 2/2 is incomplete');
  });

  it('results of an API whose spec was not given', async () => {
    const error = await mergeError([failing.file, conforming.file], failing.specs);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as ResultsFileError).message).toContain('no spec of cloud-databases-ha');
  });

  it('a missing file among them', async () => {
    const error = await mergeError([failing.file, path.join(dir, 'missing.json')], failing.specs);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as ResultsFileError).message).toContain('no such file');
  });

  it('no file at all', async () => {
    expect(await mergeError([], failing.specs)).toBeInstanceOf(UsageError);
  });
});
