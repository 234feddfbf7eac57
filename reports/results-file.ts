import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../engine/schema/ajv-instance.ts';
import { ResultsFileError } from '../engine/errors.ts';
import { RESULTS_FORMAT_VERSION, type RunFooter, type RunHeader } from '../engine/run/results-document.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { readSourceJson } from '../engine/project-files.ts';
import { API_NAMES } from '../apis/catalogue.ts';

/**
 * Reads a results file of `conformance run --json` back, one line at a time: the header on
 * line 1, one case result a line, the summary on the last line. A 100,000-case file never
 * sits in memory whole; only a file someone reformatted is parsed whole (and only when small).
 */

/** The formatVersions this suite reads. */
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [RESULTS_FORMAT_VERSION];

/** A file not in the streamed format is parsed whole only below this size. */
export const WHOLE_FILE_LIMIT_BYTES = 256 * 1024 * 1024;

/** Where a result sits: its index among the file's results, and its line when read line by line. */
export interface ResultPosition {
  index: number;
  line?: number;
}

export interface ResultsFileContents {
  /** `strict` is false when the file predates it. */
  header: RunHeader;
  /** Absent when the run was killed before writing its summary. */
  footer?: RunFooter;
  resultCount: number;
  /** The last line, when it was cut short (the run was killed while writing it): the result on it is left out. */
  truncatedLine?: number;
}

export interface ReadResultsOptions {
  /** Overrides WHOLE_FILE_LIMIT_BYTES (tests). */
  wholeFileLimitBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// Validation against reports/results.schema.json

/** The parts of reports/results.schema.json the reader uses. */
interface ResultsSchema {
  $id: string;
  $defs: { apiName: object; [name: string]: object };
}

/** reports/results.schema.json with the registered APIs' names as the enum of `apiName`. */
export function resultsSchema(): ResultsSchema {
  const schema = readSourceJson(new URL('./results.schema.json', import.meta.url)) as ResultsSchema;
  Object.assign(schema.$defs.apiName, { enum: [...API_NAMES] });
  return schema;
}

const validators = compileValidators();

function compileValidators(): { header: ValidateFunction; caseResult: ValidateFunction; footer: ValidateFunction } {
  const ajv = createAjv();
  const schema = resultsSchema();
  ajv.addSchema(schema);
  const part = (name: string) => ajv.getSchema(`${schema.$id}#/$defs/${name}`) as ValidateFunction;
  return { header: part('header'), caseResult: part('caseResult'), footer: part('footer') };
}

function describeAjvError(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return `${error.instancePath || '/'} ${error.message ?? ''}${allowed ? ` (${allowed.map((value) => JSON.stringify(value)).join(', ')})` : ''}`;
}

function validateOrThrow(validate: ValidateFunction, value: unknown, file: string, what: string, line: number | undefined): void {
  if (validate(value)) return;
  const details = (validate.errors ?? []).slice(0, 8).map(describeAjvError).join('; ');
  throw new ResultsFileError(file, `${what} is invalid: ${details}`, { line });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFormatVersion(file: string, value: unknown, line: number | undefined): void {
  if (!isObject(value) || !('formatVersion' in value) || SUPPORTED_FORMAT_VERSIONS.includes(value.formatVersion as number)) return;
  throw new ResultsFileError(
    file,
    `formatVersion ${JSON.stringify(value.formatVersion)} is not supported: this suite reads formatVersion ${SUPPORTED_FORMAT_VERSIONS.join(', ')}`,
    {
      line,
      hint: 'Read the file with the suite version that wrote it (its run.suiteVersion).',
    },
  );
}

function checkedHeader(file: string, value: unknown, line?: number): RunHeader {
  checkFormatVersion(file, value, line);
  validateOrThrow(validators.header, value, file, 'the run header', line);
  const header = value as Omit<RunHeader, 'strict'> & { strict?: boolean };
  return { ...header, strict: header.strict ?? false };
}

function checkedResult(file: string, header: RunHeader, value: unknown, position: ResultPosition): CaseResult {
  const what = position.line === undefined ? `results[${position.index}]` : 'the result';
  validateOrThrow(validators.caseResult, value, file, what, position.line);
  const result = value as CaseResult;
  if (!header.apis.includes(result.api)) {
    throw new ResultsFileError(file, `${what} is of ${result.api}, which the run header's apis (${header.apis.join(', ')}) do not name`, {
      line: position.line,
    });
  }
  return result;
}

function checkedFooter(file: string, value: unknown, line?: number): RunFooter {
  validateOrThrow(validators.footer, value, file, 'the summary', line);
  return value as RunFooter;
}

function parseJson(file: string, text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultsFileError(file, `not JSON: ${(error as Error).message}`, { line, cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// The file on disk

function unreadable(file: string, error: unknown): ResultsFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new ResultsFileError(file, `cannot read the results file: ${why}${code ? ` (${code})` : ''}`, {
    cause: error,
    hint: 'Check the path of the results file.',
  });
}

async function sizeOf(file: string): Promise<number> {
  let stats;
  try {
    stats = await stat(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (!stats.isFile()) throw new ResultsFileError(file, 'cannot read the results file: not a regular file', { hint: 'Check the path of the results file.' });
  return stats.size;
}

interface Lines {
  next(): Promise<string | undefined>;
  close(): void;
}

function openLines(file: string): Lines {
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  const iterator = reader[Symbol.asyncIterator]();
  let open = true;
  return {
    async next() {
      try {
        const step = await iterator.next();
        return step.done ? undefined : step.value;
      } catch (error) {
        throw unreadable(file, error);
      }
    },
    close() {
      if (!open) return;
      open = false;
      reader.close();
      input.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The streamed format: `{"run":<header>,"results":[`, one result a line, `],"summary":<footer>}`

const HEADER_START = '{"run":';
const HEADER_END = ',"results":[';
const SUMMARY_START = '],"summary":';
const SUMMARY_END = '}';
const NO_SUMMARY_END = ']}';

/** The header's JSON when line 1 has the streamed shape; undefined otherwise (e.g. a pretty-printed file). */
function streamedHeaderText(line: string): string | undefined {
  const text = line.replace(/^\uFEFF/, '').trim();
  if (!text.startsWith(HEADER_START) || !text.endsWith(HEADER_END)) return undefined;
  return text.slice(HEADER_START.length, -HEADER_END.length);
}

/** A result line as the run writes it (`<result>,`), or with the separator first (`,<result>`). */
function resultText(line: string): string {
  return line.replace(/^,/, '').replace(/,$/, '');
}

/** What parsing a cut-short last line gives. */
const CUT = Symbol('cut short');

/** Takes the lines after the header one by one; knows which is the last, where a killed run may have cut a result short. */
class StreamedResults {
  private footer: RunFooter | undefined;
  private ended = false;
  private resultCount = 0;
  private truncatedLine: number | undefined;

  constructor(
    private readonly file: string,
    private readonly header: RunHeader,
    private readonly onResult: (result: CaseResult, position: ResultPosition) => void,
  ) {}

  take(line: string, number: number, last: boolean): void {
    const text = line.trim();
    if (!text) return;
    if (this.ended) throw new ResultsFileError(this.file, 'text after the end of the results', { line: number });
    if (text.startsWith(']')) this.takeEnd(text, number, last);
    else this.takeResult(text, number, last);
  }

  contents(): ResultsFileContents {
    return {
      header: this.header,
      ...(this.footer ? { footer: this.footer } : {}),
      resultCount: this.resultCount,
      ...(this.truncatedLine !== undefined ? { truncatedLine: this.truncatedLine } : {}),
    };
  }

  private takeEnd(text: string, number: number, last: boolean): void {
    this.ended = true;
    if (text === NO_SUMMARY_END) return;
    if (text.startsWith(SUMMARY_START) && text.endsWith(SUMMARY_END)) {
      const value = this.parseOrCut(text.slice(SUMMARY_START.length, -SUMMARY_END.length), number, last);
      if (value !== CUT) this.footer = checkedFooter(this.file, value, number);
      return;
    }
    if (last) {
      this.truncatedLine = number;
      return;
    }
    throw new ResultsFileError(
      this.file,
      `expected the end of the results (${SUMMARY_START}<summary>${SUMMARY_END}), found ${JSON.stringify(text.slice(0, 40))}`,
      { line: number },
    );
  }

  private takeResult(text: string, number: number, last: boolean): void {
    const value = this.parseOrCut(resultText(text), number, last);
    if (value === CUT) return;
    const position = { index: this.resultCount, line: number };
    const result = checkedResult(this.file, this.header, value, position);
    this.resultCount += 1;
    this.onResult(result, position);
  }

  /** JSON of a line; a last line that is not JSON was cut short by a killed run (CUT), any other is an error. */
  private parseOrCut(text: string, number: number, last: boolean): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (!last) throw new ResultsFileError(this.file, `not JSON: ${(error as Error).message}`, { line: number, cause: error });
      this.truncatedLine = number;
      return CUT;
    }
  }
}

async function readStreamed(
  file: string,
  lines: Lines,
  headerText: string,
  onResult: (result: CaseResult, position: ResultPosition) => void,
): Promise<ResultsFileContents> {
  const results = new StreamedResults(file, checkedHeader(file, parseJson(file, headerText, 1), 1), onResult);
  // One line of look-ahead: only the very last line may be cut short.
  let pending = await lines.next();
  for (let number = 2; pending !== undefined; number += 1) {
    const next = await lines.next();
    results.take(pending, number, next === undefined);
    pending = next;
  }
  return results.contents();
}

// ---------------------------------------------------------------------------------------------
// The fallback: a small file someone reformatted (e.g. JSON.stringify(results, null, 2))

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

async function parseWholeFile(file: string, size: number, limit: number): Promise<Record<string, unknown>> {
  if (size >= limit) {
    throw new ResultsFileError(
      file,
      `line 1 is not in the streamed format (${HEADER_START}…${HEADER_END}), and at ${mebibytes(size)} MiB the file is too large to parse whole (limit ${mebibytes(limit)} MiB)`,
      {
        line: 1,
        hint: 'Give the file as `conformance run --json` wrote it (one result a line), not reformatted.',
      },
    );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
  if (!text.trim()) throw new ResultsFileError(file, 'the file is empty');
  const document = parseJson(file, text.replace(/^\uFEFF/, ''));
  if (!isObject(document) || !('run' in document) || !Array.isArray(document.results)) {
    throw new ResultsFileError(file, 'not a results file: expected {"run": {…}, "results": […], "summary": {…}}');
  }
  return document;
}

async function readWhole(
  file: string,
  size: number,
  limit: number,
  onResult: (result: CaseResult, position: ResultPosition) => void,
): Promise<ResultsFileContents> {
  const document = await parseWholeFile(file, size, limit);
  const header = checkedHeader(file, document.run);
  const results = document.results as unknown[];
  results.forEach((value, index) => onResult(checkedResult(file, header, value, { index }), { index }));
  const footer = document.summary === undefined ? undefined : checkedFooter(file, document.summary);
  return { header, ...(footer ? { footer } : {}), resultCount: results.length };
}

// ---------------------------------------------------------------------------------------------

/**
 * Streams a results file: calls `onResult` with each case result (validated) in file order, and
 * returns the header and, unless the run was killed before writing it, the summary. Throws a
 * ResultsFileError (code CONF_RESULTS_INVALID) naming the file and line for anything else.
 */
export async function readResultsFile(
  file: string,
  onResult: (result: CaseResult, position: ResultPosition) => void,
  options: ReadResultsOptions = {},
): Promise<ResultsFileContents> {
  const size = await sizeOf(file);
  const lines = openLines(file);
  try {
    const first = await lines.next();
    if (first === undefined) throw new ResultsFileError(file, 'the file is empty');
    const headerText = streamedHeaderText(first);
    if (headerText !== undefined) return await readStreamed(file, lines, headerText, onResult);
    lines.close();
    return await readWhole(file, size, options.wholeFileLimitBytes ?? WHOLE_FILE_LIMIT_BYTES, onResult);
  } finally {
    lines.close();
  }
}

/** Only the header (line 1 of a streamed file): enough to know which APIs' specs a file needs. */
export async function readResultsHeader(file: string, options: ReadResultsOptions = {}): Promise<RunHeader> {
  const size = await sizeOf(file);
  const lines = openLines(file);
  let first: string | undefined;
  try {
    first = await lines.next();
  } finally {
    lines.close();
  }
  if (first === undefined) throw new ResultsFileError(file, 'the file is empty');
  const headerText = streamedHeaderText(first);
  if (headerText !== undefined) return checkedHeader(file, parseJson(file, headerText, 1), 1);
  return (await readWhole(file, size, options.wholeFileLimitBytes ?? WHOLE_FILE_LIMIT_BYTES, () => undefined)).header;
}
