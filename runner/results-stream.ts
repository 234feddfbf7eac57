import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CaseResult } from '../engine/run/run-model.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import type { RunListener } from './run-listener.ts';

/**
 * The results as one JSON document written as the run goes: the header, each case result the
 * moment it is known, then the verdicts. Nothing is held back in memory.
 */
export class ResultsStream {
  private readonly stream: WriteStream;
  private first = true;

  constructor(file: string, header: RunHeader) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.stream.write(`{"run":${JSON.stringify(header)},"results":[\n`);
  }

  async add(result: CaseResult): Promise<void> {
    const ok = this.stream.write(`${this.first ? '' : ',\n'}${JSON.stringify(result)}`);
    this.first = false;
    if (!ok) await once(this.stream, 'drain');
  }

  async finish(footer: RunFooter): Promise<void> {
    this.stream.end(`\n],"summary":${JSON.stringify(footer)}}\n`);
    await once(this.stream, 'finish');
  }
}

/** The JSON results (--json) as a listener: the file is opened with the header, takes each result as it comes, and is closed with the footer. */
export function resultsStreamListener(file: string): RunListener {
  let stream: ResultsStream | undefined;
  return {
    onStart: (start) => {
      stream = new ResultsStream(file, start.header);
    },
    onResult: (result) => stream?.add(result),
    onFinish: (summary) => stream?.finish(summary.footer),
  };
}
