// A case result's redacted request and reproducer curl are made when first read
// (runner/lazy-fields.ts), not when the case is sent: read at the end of the run, they are the ones
// the JSON results file wrote as the run went, and a result's fields keep their order (a results
// line is the same bytes as before).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ApiName } from '../engine/api-name.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { runConformance } from '../runner/run-conformance.ts';
import { resultsStreamListener } from '../runner/results-stream.ts';

const written = new Map<string, CaseResult>();
const handed: CaseResult[] = [];

beforeAll(async () => {
  const json = path.join(mkdtempSync(path.join(tmpdir(), 'lazy-result-fields-')), 'results.json');
  await runConformance({
    config: structuredClone(DEFAULT_CONFIG),
    // A token API and a SigV4 one, each with a deliberately wrong credential among its cases.
    apis: ['lbaas-healthmonitors', 'cloudbasic-cluster'] as ApiName[],
    seed: 5,
    runs: 3,
    workers: 0,
    strict: false,
    concurrency: 4,
    console: { write: () => undefined },
    listeners: [resultsStreamListener(json), { onResult: (result: CaseResult) => void handed.push(result) }],
  });
  for (const result of (JSON.parse(readFileSync(json, 'utf8')) as { results: CaseResult[] }).results) written.set(result.caseId, result);
});

describe('a case result read after its run', () => {
  it('gives the redacted request and the reproducer the results file wrote as the run went', () => {
    expect(handed.length).toBeGreaterThan(100);
    expect(handed.length).toBe(written.size);
    for (const result of handed) {
      expect(result.curl, result.caseId).toBe(written.get(result.caseId)?.curl);
      expect(result.request, result.caseId).toEqual(written.get(result.caseId)?.request);
    }
    expect(handed.some((result) => result.curl.includes('--aws-sigv4'))).toBe(true);
    expect(handed.some((result) => result.request.header?.authorization?.includes('<redacted>'))).toBe(true);
  });

  it('lists its fields in their order: the request before the URL, the reproducer after the duration', () => {
    for (const result of handed) {
      const keys = Object.keys(result);
      expect(keys.indexOf('url'), result.caseId).toBe(keys.indexOf('request') + 1);
      expect(keys.indexOf('curl'), result.caseId).toBe(keys.indexOf('durationMs') + 1);
      expect(keys.slice(-2)).toEqual(['checks', 'passed']);
      expect(Object.keys(JSON.parse(JSON.stringify(result)) as object)).toEqual(keys);
    }
  });
});
