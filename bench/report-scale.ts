// Benchmark of the reports at scale: 100,000 case results (a real run against the mock with
// faults on, its results replayed under distinct case ids) merged from a results file into
// the HTML and JUnit reports, then the HTML opened in Chromium. Run: npm run bench.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../suites/support/chromium.ts';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { runWithReporters } from '../cli/run-with-reporters.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { ResultsStream } from '../runner/results-stream.ts';
import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import { readResultsFile } from '../reports/results-file.ts';
import { mergeResultFiles } from '../reports/merge-results.ts';
import { htmlReport } from '../reports/html-report.ts';
import { junitXml } from '../reports/junit-report.ts';

const CASES = Number(process.env.BENCH_REPORT_CASES ?? 100_000);
const FAULTS = ['lbaas-accepts-timeout-not-below-delay', 'compute-omits-location-header', 'orchestration-wrong-content-type'];
const OPENINGS = 5;

function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function realRun(folder: string): Promise<{ results: CaseResult[]; header: RunHeader; footer: RunFooter }> {
  const file = path.join(folder, 'base.json');
  const quiet = { write() {} };
  await runWithReporters({
    config: DEFAULT_CONFIG,
    apis: [...API_NAMES],
    seed: 1,
    runs: 50,
    strict: false,
    json: file,
    concurrency: 8,
    console: quiet,
    progress: quiet,
    showProgress: false,
    mockFaults: FAULTS,
  });
  const results: CaseResult[] = [];
  const { header, footer } = await readResultsFile(file, (result) => results.push(result));
  return { results, header, footer: footer as RunFooter };
}

/** The real results again and again, each copy under its own case ids, streamed to one file. */
async function replayedResultsFile(folder: string, base: Awaited<ReturnType<typeof realRun>>): Promise<string> {
  const file = path.join(folder, 'replayed.json');
  const stream = new ResultsStream(file, base.header);
  for (let index = 0; index < CASES; index += 1) {
    const result = base.results[index % base.results.length] as CaseResult;
    const copy = Math.floor(index / base.results.length);
    await stream.add(copy === 0 ? result : { ...result, caseId: `${result.caseId}~${copy}` });
  }
  await stream.finish(base.footer);
  return file;
}

async function openingTimes(file: string): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let opening = 0; opening < OPENINGS; opening += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const started = performance.now();
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      await page.locator('#verdict').waitFor({ state: 'visible' });
      times.push(performance.now() - started);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

const folder = mkdtempSync(path.join(tmpdir(), 'report-bench-'));
try {
  const base = await realRun(folder);
  line('real run against the mock (faults on)', `${base.results.length} cases, ${base.results.filter((result) => !result.passed).length} failed`);
  const resultsFile = await replayedResultsFile(folder, base);
  line(`results file of ${CASES.toLocaleString('en-US')} cases`, megabytes(statSync(resultsFile).size));

  const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
  const rssBefore = process.memoryUsage().rss;
  const mergeStart = performance.now();
  const model = await mergeResultFiles([resultsFile], specs);
  line(
    'read + fold the results into the report model',
    `${((performance.now() - mergeStart) / 1000).toFixed(2)} s (RSS +${megabytes(process.memoryUsage().rss - rssBefore)})`,
  );

  const htmlStart = performance.now();
  const html = htmlReport(model);
  line('render the HTML report', `${(performance.now() - htmlStart).toFixed(0)} ms`);
  const htmlFile = path.join(folder, 'report.html');
  writeFileSync(htmlFile, html);
  line('HTML report size (goal < 5 MB)', `${megabytes(statSync(htmlFile).size)} (${model.run.cases.toLocaleString('en-US')} cases)`);
  const junitStart = performance.now();
  const junit = junitXml(model);
  line('JUnit XML render time and size', `${(performance.now() - junitStart).toFixed(0)} ms, ${megabytes(Buffer.byteLength(junit))}`);

  const times = await openingTimes(htmlFile);
  line(
    `open in Chromium to the verdict shown (goal < 2 s)`,
    `median ${median(times).toFixed(0)} ms over ${OPENINGS} (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
  line('peak resident memory of the benchmark', megabytes(process.resourceUsage().maxRSS * 1024));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
