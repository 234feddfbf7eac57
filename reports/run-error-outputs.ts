import { writeFileSync } from 'node:fs';
import { junitDocument } from './junit-report.ts';
import type { ConformanceError } from '../engine/errors.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';

/**
 * A run that ends with exit 2 (a config error, an unreachable target) still leaves its JSON and
 * JUnit behind, saying why: a CI merge job then names the shard that failed, instead of a
 * missing file, and a JUnit viewer shows the error instead of nothing.
 */

function errorFooter(header: RunHeader, error: ConformanceError): RunFooter {
  const finishedAt = new Date();
  return {
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - Date.parse(header.startedAt)),
    complete: false,
    exitCode: 2,
    error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
    verdicts: [],
    errata: [],
  };
}

function errorJunit(header: RunHeader, error: ConformanceError): string {
  const document = junitDocument();
  const suite = document
    .ele('testsuites', { name: 'conformance', tests: '1', failures: '0', errors: '1', time: '0.000' })
    .ele('testsuite', { name: 'conformance-run', tests: '1', failures: '0', errors: '1', skipped: '0', time: '0.000', timestamp: header.startedAt });
  suite
    .ele('testcase', { name: 'run-ended', classname: 'conformance.run', time: '0.000' })
    .ele('error', { message: error.message, type: error.code })
    .txt(
      [
        `The run ended with exit 2 before any verdict: ${error.message}`,
        ...(error.hint ? [error.hint] : []),
        `APIs: ${header.apis.join(', ')}; seed ${header.seed}${header.shard ? `; shard ${header.shard.index}/${header.shard.count}` : ''}`,
      ].join('\n'),
    );
  return document.end({ prettyPrint: true, wellFormed: true });
}

/** Writes the results file and the JUnit XML of a run that ended with exit 2, where they were asked for. */
export function writeRunErrorOutputs(outputs: { json?: string; junit?: string }, header: RunHeader, error: ConformanceError): string[] {
  const written: string[] = [];
  if (outputs.json) {
    writeFileSync(outputs.json, `{"run":${JSON.stringify(header)},"results":[\n],"summary":${JSON.stringify(errorFooter(header, error))}}\n`, 'utf8');
    written.push(`JSON results (exit 2, with why): ${outputs.json}`);
  }
  if (outputs.junit) {
    writeFileSync(outputs.junit, errorJunit(header, error), 'utf8');
    written.push(`JUnit XML (exit 2, with why): ${outputs.junit}`);
  }
  return written;
}
