import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convert } from 'xmlbuilder2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';

/**
 * One run with failures (explicit and inferred) and cases that accept several statuses; every
 * number its console, HTML, JUnit and JSON give must agree with the others.
 */

const FAULTS = ['lbaas-wrong-success-status', 'orchestration-refuses-zero-timeout', 'compute-accepts-min-count-above-max-count'];

interface ApiCounts {
  glyph: string;
  held: number;
  broken: number;
  warned: number;
  notRun: number;
  cases: number;
  failed: number;
}

const CONSOLE_LINE = /^ {2}([✓✗!]) (\S+)\s+held\s+(\d+)\s+broken\s+(\d+)\s+warned \(inferred\)\s+(\d+)\s+not run\s+(\d+)\s+cases\s+(\d+)\s+failed\s+(\d+)$/;

function consoleCounts(stdout: string): Map<string, ApiCounts> {
  const counts = new Map<string, ApiCounts>();
  for (const line of stdout.split('\n')) {
    const match = CONSOLE_LINE.exec(line);
    if (!match) continue;
    const [glyph, api, ...numbers] = match.slice(1) as [string, string, ...string[]];
    const [held, broken, warned, notRun, cases, failed] = numbers.map(Number) as [number, number, number, number, number, number];
    counts.set(api, { glyph, held, broken, warned, notRun, cases, failed });
  }
  return counts;
}

function cellsOf(row: string): string[] {
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => (match[1] as string).replace(/<[^>]+>/g, '').trim());
}

/** The rows of the HTML's per-API summary table: verdict, held, broken, warned, not run, cases, failed cases. */
function htmlApiRows(page: string): Map<string, string[]> {
  const table = /<table class="api-summary">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
  return new Map([...table.matchAll(/<tr data-api="([^"]+)">([\s\S]*?)<\/tr>/g)].map((match) => [match[1] as string, cellsOf(match[2] as string).slice(1)]));
}

/** Each API's documented-response-codes table: the "expected by" and "observed" columns, and the footer's totals. */
function responseCodeColumns(page: string): Map<string, { expected: number[]; observed: number[]; footer: string[] }> {
  const section = /<section id="response-codes">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
  const tables = [...section.matchAll(/<div data-api="([^"]+)">([\s\S]*?)<\/div>/g)];
  return new Map(
    tables.map((match) => {
      const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(match[2] as string)?.[1] ?? '';
      const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => cellsOf(row[1] as string));
      const footer = cellsOf(/<tfoot>([\s\S]*?)<\/tfoot>/.exec(match[2] as string)?.[1] ?? '');
      return [match[1] as string, { expected: rows.map((row) => Number(row[2] || 0)), observed: rows.map((row) => Number(row[3] || 0)), footer }];
    }),
  );
}

interface JunitSuite {
  '@name': string;
  '@tests': string;
  '@failures': string;
  '@skipped': string;
  properties: { property: { '@name': string; '@value': string }[] };
}

function junitSuites(xml: string): Map<string, JunitSuite> {
  const document = convert(xml, { format: 'object' }) as unknown as { testsuites: { testsuite: JunitSuite[] } };
  return new Map(document.testsuites.testsuite.filter((suite) => suite.properties).map((suite) => [suite['@name'], suite]));
}

function property(suite: JunitSuite, name: string): string | undefined {
  return suite.properties.property.find((item) => item['@name'] === name)?.['@value'];
}

interface ResultLine {
  api: string;
  passed: boolean;
  expectedStatuses: number[];
}

function jsonResults(file: string): ResultLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/,$/, ''))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ResultLine);
}

describe('every count of a run with failures agrees across console, HTML, JUnit and JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'counts-'));
  const files = { json: path.join(dir, 'r.json'), html: path.join(dir, 'r.html'), junit: path.join(dir, 'r.xml') };
  let run: CliRun;
  let printed: Map<string, ApiCounts>;
  let page: string;

  beforeAll(async () => {
    run = await conformanceAsync(['run', '--seed', '1', '--runs', '3', '--json', files.json, '--report', files.html, '--junit', files.junit], {
      CONFORMANCE_MOCK_FAULTS: FAULTS.join(','),
    });
    printed = consoleCounts(run.stdout);
    page = readFileSync(files.html, 'utf8');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the run fails, and the console gives a line per API', () => {
    expect(run.status, run.stderr).toBe(1);
    expect([...printed.keys()]).toEqual(['cloud-databases-ha', 'lbaas-healthmonitors', 'cloudbasic-cluster', 'compute-servers', 'orchestration-stacks']);
  });

  it('glyphs match verdicts: ✗ broken, ! only warned, ✓ otherwise; each failure printed with its own glyph', () => {
    for (const counts of printed.values()) expect(counts.glyph).toBe(counts.broken ? '✗' : counts.warned ? '!' : '✓');
    expect(printed.get('orchestration-stacks')).toMatchObject({ glyph: '!', broken: 0, warned: 1 });
    expect(printed.get('compute-servers')).toMatchObject({ glyph: '✗' });
    expect(run.stdout).toMatch(/^! orchestration-stacks\/timeout-mins-non-negative \(warned/m);
    expect(run.stdout).toMatch(/^✗ compute-servers\/min-count-le-max-count$/m);
  });

  it('the HTML per-API table says what the console says', () => {
    const rows = htmlApiRows(page);
    for (const [api, counts] of printed) {
      const verdict = counts.broken ? 'not conformant' : counts.warned ? 'conformant with warnings' : 'conformant';
      expect(rows.get(api), api).toEqual([verdict, counts.held, counts.broken, counts.warned, counts.notRun, counts.cases, counts.failed].map(String));
    }
  });

  it('the HTML banner sums what the per-API lines give', () => {
    const sum = (key: keyof ApiCounts) => [...printed.values()].reduce((total, counts) => total + Number(counts[key]), 0);
    const banner = /<div class="verdict-banner[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1]?.replace(/<[^>]+>/g, ' ') ?? '';
    expect(banner).toContain(
      `${sum('held')} held · ${sum('broken')} broken · ${sum('warned')} warned (inferred) · ${sum('notRun')} not run · ${sum('cases')} cases, ${sum('failed')} failed`,
    );
  });

  it('JUnit suites count what the console counts', () => {
    const suites = junitSuites(readFileSync(files.junit, 'utf8'));
    for (const [api, counts] of printed) {
      const suite = suites.get(api) as JunitSuite;
      expect(Number(suite['@failures']), api).toBe(counts.broken);
      expect(Number(suite['@skipped']), api).toBe(counts.notRun);
      expect(Number(suite['@tests']), api).toBe(counts.held + counts.broken + counts.warned + counts.notRun);
      expect(property(suite, 'cases'), api).toBe(String(counts.cases));
      expect(property(suite, 'failed-cases'), api).toBe(String(counts.failed));
    }
  });

  it('the JSON results hold exactly the cases counted, and the failed ones', () => {
    const results = jsonResults(files.json);
    for (const [api, counts] of printed) {
      const mine = results.filter((result) => result.api === api);
      expect(mine.length, api).toBe(counts.cases);
      expect(mine.filter((result) => !result.passed).length, api).toBe(counts.failed);
    }
  });

  it('a case counts once among expected and once among observed statuses, multi-status cases included', () => {
    const columns = responseCodeColumns(page);
    const results = jsonResults(files.json);
    expect(results.some((result) => result.expectedStatuses.length > 1)).toBe(true);
    for (const [api, counts] of printed) {
      const { expected, observed, footer } = columns.get(api) as { expected: number[]; observed: number[]; footer: string[] };
      expect(
        expected.reduce((a, b) => a + b, 0),
        api,
      ).toBe(counts.cases);
      expect(
        observed.reduce((a, b) => a + b, 0),
        api,
      ).toBe(counts.cases);
      expect(footer.slice(-2), api).toEqual([String(counts.cases), String(counts.cases)]);
    }
  });

  it('no requirement says more cases failed than tried it', () => {
    const lines = [...page.matchAll(/(\d+) of (\d+) cases failed \((\d+) valid, (\d+) invalid requests tried it\)/g)];
    expect(lines.length).toBeGreaterThan(0);
    for (const [, failed, tried, valid, invalid] of lines) {
      expect(Number(failed)).toBeLessThanOrEqual(Number(tried));
      expect(Number(tried)).toBe(Number(valid) + Number(invalid));
    }
  });
});
