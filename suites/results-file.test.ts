import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { runWithReporters, type ReportedRunOutcome } from '../cli/run-with-reporters.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { ReportAccumulator } from '../reports/report-accumulator.ts';
import { ResultsFileError } from '../engine/errors.ts';
import { readResultsFile, readResultsHeader, resultsSchema, type ResultPosition } from '../reports/results-file.ts';

const APIS: ApiName[] = ['lbaas-healthmonitors', 'orchestration-stacks'];

interface SavedRun {
  file: string;
  outcome: ReportedRunOutcome;
  specs: LoadedSpec[];
  /** The file as the run wrote it, parsed whole (it is small here). */
  document: { run: RunHeader; results: CaseResult[]; summary: RunFooter };
  lines: string[];
}

let dir: string;
const saved = {} as SavedRun;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'results-file-'));
  saved.file = path.join(dir, 'run.json');
  saved.outcome = await runWithReporters({
    config: DEFAULT_CONFIG,
    apis: APIS,
    seed: 7,
    runs: 3,
    strict: false,
    json: saved.file,
    concurrency: 4,
    console: { write: () => undefined },
    progress: { write: () => undefined },
    showProgress: false,
    mockFaults: ['lbaas-accepts-timeout-not-below-delay'],
  });
  saved.specs = await Promise.all(APIS.map((api) => loadSpec(api)));
  const text = readFileSync(saved.file, 'utf8');
  saved.document = JSON.parse(text) as SavedRun['document'];
  saved.lines = text.split('\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file beside the run's and returns its path. */
function fileWith(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function readAll(file: string): Promise<{ results: CaseResult[]; positions: ResultPosition[]; contents: Awaited<ReturnType<typeof readResultsFile>> }> {
  const results: CaseResult[] = [];
  const positions: ResultPosition[] = [];
  const contents = await readResultsFile(file, (result, position) => {
    results.push(result);
    positions.push(position);
  });
  return { results, positions, contents };
}

/** The error readResultsFile throws for a file, or a failure when it throws none. */
async function readError(file: string): Promise<ResultsFileError> {
  const error = await readResultsFile(file, () => undefined).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ResultsFileError);
  return error as ResultsFileError;
}

/** The run's file with one line replaced (lines are 1-based). */
function withLine(number: number, replace: (line: string) => string): string {
  return saved.lines.map((line, index) => (index === number - 1 ? replace(line) : line)).join('\n');
}

describe('reading a results file the run wrote', () => {
  it('gives back the header, every result in order with its line, and the summary', async () => {
    const { results, positions, contents } = await readAll(saved.file);
    expect(contents.header).toEqual(saved.document.run);
    expect(contents.header).toMatchObject({ formatVersion: 1, apis: APIS, seed: 7, runs: 3, strict: false });
    expect(contents.footer).toEqual(saved.document.summary);
    expect(contents.truncatedLine).toBeUndefined();
    expect(contents.resultCount).toBe(saved.outcome.cases);
    expect(results).toEqual(saved.document.results);
    expect(positions[0]).toEqual({ index: 0, line: 2 });
    expect(positions.at(-1)).toEqual({ index: results.length - 1, line: results.length + 1 });
  });

  it('round trip: the results read back give the run its own verdicts, counts and report', async () => {
    const accumulator = new ReportAccumulator(saved.specs);
    const contents = await readResultsFile(saved.file, (result) => accumulator.add(result));
    for (const verdict of contents.footer?.verdicts ?? []) if (verdict.notRunReason) accumulator.notRunnable(verdict.requirementId, verdict.notRunReason);
    const byId = (verdicts: { requirementId: string }[]) => new Map(verdicts.map((verdict) => [verdict.requirementId, verdict]));
    expect(byId(accumulator.verdicts())).toEqual(byId(saved.outcome.verdicts));
    const { exitCode: _exitCode, cases: _cases, failedCases: _failedCases, ...facts } = saved.outcome.report.run;
    expect(accumulator.build(facts)).toEqual(saved.outcome.report);
    expect(saved.outcome.report.run).toMatchObject({ cases: saved.outcome.cases, exitCode: 1 });
  });

  it('reads only line 1 for the header', async () => {
    expect(await readResultsHeader(saved.file)).toEqual(saved.document.run);
  });

  it('reads a pretty-printed file (JSON.stringify(…, null, 2)) whole, with the same results', async () => {
    const file = fileWith('pretty.json', JSON.stringify(saved.document, null, 2));
    const { results, positions, contents } = await readAll(file);
    expect(results).toEqual(saved.document.results);
    expect(positions[1]).toEqual({ index: 1 });
    expect(contents.footer).toEqual(saved.document.summary);
    expect(await readResultsHeader(file)).toEqual(saved.document.run);
  });

  it('reads the results with the separator at the start of the line as well as at the end', async () => {
    const [first, ...rest] = saved.document.results.map((result) => JSON.stringify(result));
    const text = [saved.lines[0], first, ...rest.map((line) => `,${line}`), `],"summary":${JSON.stringify(saved.document.summary)}}`, ''].join('\n');
    const { results } = await readAll(fileWith('leading-commas.json', text));
    expect(results).toEqual(saved.document.results);
  });

  it('reads a header written before strict was recorded as not strict', async () => {
    const { strict: _strict, ...older } = saved.document.run;
    const file = fileWith(
      'older.json',
      withLine(1, () => `{"run":${JSON.stringify(older)},"results":[`),
    );
    const { contents } = await readAll(file);
    expect(contents.header.strict).toBe(false);
  });

  it('returns no summary for a run killed between two results', async () => {
    const file = fileWith('killed.json', saved.lines.slice(0, 11).join('\n'));
    const { results, contents } = await readAll(file);
    expect(contents.footer).toBeUndefined();
    expect(contents.truncatedLine).toBeUndefined();
    expect(results).toEqual(saved.document.results.slice(0, 10));
  });

  it('returns no summary, and leaves out the result cut short, for a run killed while writing', async () => {
    const cut = saved.lines[11] as string;
    const file = fileWith('cut.json', [...saved.lines.slice(0, 11), cut.slice(0, cut.length / 2)].join('\n'));
    const { results, contents } = await readAll(file);
    expect(contents.footer).toBeUndefined();
    expect(contents.truncatedLine).toBe(12);
    expect(contents.resultCount).toBe(10);
    expect(results).toHaveLength(10);
  });

  it('knows every API of the registry (the schema it validates with lists them), and no other', () => {
    expect((resultsSchema().$defs.apiName as { enum?: unknown }).enum).toEqual([...API_NAMES]);
  });
});

describe('a results file that cannot be read back', () => {
  it('is missing: says so, with the code to match on', async () => {
    const error = await readError(path.join(dir, 'nowhere.json'));
    expect(error.code).toBe('CONF_RESULTS_INVALID');
    expect(error.message).toContain('nowhere.json');
    expect(error.message).toContain('no such file');
    await expect(readResultsHeader(path.join(dir, 'nowhere.json'))).rejects.toBeInstanceOf(ResultsFileError);
  });

  it('is a directory', async () => {
    const directory = path.join(dir, 'a-directory');
    mkdirSync(directory);
    expect((await readError(directory)).message).toContain('not a regular file');
  });

  it('is empty', async () => {
    expect((await readError(fileWith('empty.json', ''))).message).toContain('empty');
  });

  it('is not JSON', async () => {
    const error = await readError(fileWith('not-json.json', 'hello, world\n'));
    expect(error.code).toBe('CONF_RESULTS_INVALID');
    expect(error.message).toContain('not JSON');
  });

  it('is JSON but not results', async () => {
    expect((await readError(fileWith('other.json', '{"name": "x"}'))).message).toContain('not a results file');
  });

  it('has a formatVersion this suite does not read: names the versions it does', async () => {
    const future = { ...saved.document.run, formatVersion: 2 };
    const streamed = await readError(
      fileWith(
        'v2.json',
        withLine(1, () => `{"run":${JSON.stringify(future)},"results":[`),
      ),
    );
    expect(streamed.message).toMatch(/formatVersion 2 is not supported: this suite reads formatVersion 1/);
    expect(streamed.line).toBe(1);
    const pretty = await readError(fileWith('v2-pretty.json', JSON.stringify({ ...saved.document, run: future }, null, 2)));
    expect(pretty.message).toContain('formatVersion 2 is not supported');
  });

  it('has a result without caseId: names the line and what ajv says', async () => {
    const error = await readError(
      fileWith(
        'no-case-id.json',
        withLine(5, (line) => {
          const { caseId: _caseId, ...rest } = JSON.parse(line.replace(/,$/, '')) as CaseResult;
          return `${JSON.stringify(rest)},`;
        }),
      ),
    );
    expect(error.line).toBe(5);
    expect(error.message).toContain('no-case-id.json, line 5');
    expect(error.message).toContain("must have required property 'caseId'");
  });

  it('has a result without caseId in a pretty-printed file: names its index', async () => {
    const results = saved.document.results.map((result, index) => (index === 3 ? { ...result, caseId: undefined } : result));
    const error = await readError(fileWith('no-case-id-pretty.json', JSON.stringify({ ...saved.document, results }, null, 2)));
    expect(error.message).toContain('results[3]');
    expect(error.message).toContain("must have required property 'caseId'");
  });

  it('has a line that is not JSON before the end', async () => {
    const error = await readError(
      fileWith(
        'garbled.json',
        withLine(7, (line) => line.slice(0, 30)),
      ),
    );
    expect(error.line).toBe(7);
    expect(error.message).toContain('not JSON');
  });

  it('has a result of an API its header does not name', async () => {
    const error = await readError(
      fileWith(
        'other-api.json',
        withLine(4, (line) => line.replace(/"api":"[a-z-]+"/, '"api":"compute-servers"')),
      ),
    );
    expect(error.line).toBe(4);
    expect(error.message).toContain('compute-servers');
  });

  it('has an invalid summary', async () => {
    const summaryLine = saved.lines.findIndex((line) => line.startsWith('],"summary":')) + 1;
    const error = await readError(
      fileWith(
        'bad-summary.json',
        withLine(summaryLine, (line) => line.replace('"exitCode":1', '"exitCode":"one"')),
      ),
    );
    expect(error.line).toBe(summaryLine);
    expect(error.message).toContain('the summary is invalid: /exitCode');
  });

  it('has text after its end', async () => {
    const error = await readError(fileWith('trailing.json', `${saved.lines.join('\n')}\n{"more":true}\n`));
    expect(error.message).toContain('after the end');
  });

  it('is reformatted and too large to parse whole', async () => {
    const file = fileWith('pretty-large.json', JSON.stringify(saved.document, null, 2));
    const error = await readResultsFile(file, () => undefined, { wholeFileLimitBytes: 1024 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ResultsFileError);
    expect((error as Error).message).toContain('too large to parse whole');
  });
});
