// Benchmark of the suite's speed: is it ever the bottleneck? In one process, the same planned
// requests at the same concurrency: a bare undici loop against the embedded mock, then the full
// conformance run against the embedded mock, as `npx conformance run` does (credentials, checks,
// verdicts, results), with its plans made beforehand, then planning as it goes: on its own
// thread, in 1 and 2 worker threads (and the default number) with no cache, in the default number
// with the cache as a run with a new seed finds it (each schema's values kept, no boundary plan
// of this seed) and with the same seed's boundary plans kept. Last, the same run pointed at the
// mock's URL as a live target: it also preflights, keeps a ledger and deletes every resource it
// creates (GET, DELETE, GET), requests the bare loop does not send. First, planning alone in
// cases/s with 1 and 2 workers.
// BENCH_RUNS sets --runs: 5000 by default, the campaign issue 18 measures itself by (about 26,000
// cases), where a planning thread's start (about a second, most of it waited for before the first
// case) is paid once; at 1000 the bare loop is over in 1.5 s and that start is a third of the run,
// at 200 it is over in 0.4 s.
// Run: npm run bench.
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { toHttpRequest, type HttpRequestPlan } from '../engine/request/request-to-http.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { startMock } from '../mock/mock-server.ts';
import { runWithReporters } from '../cli/run-with-reporters.ts';
import { withCredentials } from '../runner/request-credentials.ts';
import { planRun } from '../runner/run-plan.ts';
import { defaultPlanWorkers } from '../runner/plan-pool.ts';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const ROUNDS = 3;

function line(label: string, value: string): void {
  console.log(`${label.padEnd(56)} ${value}`);
}

const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
const planStart = performance.now();
const plans: Partial<Record<ApiName, ApiPlan>> = {};
for (const spec of specs) plans[spec.api] = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: RUNS });
const cases = specs.flatMap((spec) => (plans[spec.api] as ApiPlan).cases.map((testCase) => ({ spec, testCase })));
line(
  `plan ${cases.length} cases (5 APIs, --runs ${RUNS})`,
  `${((performance.now() - planStart) / 1000).toFixed(2)} s, ${Math.round(cases.length / ((performance.now() - planStart) / 1000))} cases/s`,
);

/** Planning alone, as a run takes the cases: every case of every API, in plan order. */
async function planningRate(workers: number): Promise<number> {
  const started = performance.now();
  const planned = await planRun(specs, { config: DEFAULT_CONFIG, seed: 1, runs: RUNS, workers });
  let count = 0;
  for (const api of planned.apis) for await (const _ of (await api.planned).cases) count += 1;
  await planned.close();
  return count / ((performance.now() - started) / 1000);
}
for (const workers of [1, 2]) {
  const rates = [await planningRate(workers), await planningRate(workers)];
  line(
    `planning in ${workers} worker thread${workers > 1 ? 's' : ''} (no cache)`,
    `${Math.round(Math.max(...rates))} cases/s (rounds: ${rates.map(Math.round).join(', ')})`,
  );
}

const cacheDir = mkdtempSync(path.join(tmpdir(), 'plan-cache-bench-'));
const mock = await startMock({ config: DEFAULT_CONFIG });
try {
  // The bare loop sends exactly the run's requests (setup requests included), signed alike.
  const requests: HttpRequestPlan[] = [];
  for (const { spec, testCase } of cases) {
    for (const document of [...(testCase.setup ?? []), testCase.request]) {
      const plan = toHttpRequest(mock.url, spec.path, document);
      requests.push({ ...plan, headers: await withCredentials(spec, plan, DEFAULT_CONFIG, testCase.credentials) });
    }
  }

  async function bareLoop(): Promise<number> {
    mock.reset();
    const agent = new Agent({ connections: CONCURRENCY });
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const sent = requests[next++] as HttpRequestPlan;
          const answer = await request(sent.url, { method: sent.method as 'POST', headers: sent.headers, body: sent.body, dispatcher: agent });
          await answer.body.text();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await agent.close();
    return requests.length / seconds;
  }

  /**
   * How the run gets its cases: made beforehand, or planned as it goes (by N workers, 0: its own
   * thread; from a warm cache or none); and whether it treats the mock's URL as a live target.
   */
  type Planning = ({ plans: true } | { workers: number; cache: 'none' | 'schema values' | 'all' }) & { live?: true };

  /** Leaves in the cache what a run with a new seed finds there: the schemas' values, no boundary plan. */
  function forgetBoundaryPlans(): void {
    for (const file of readdirSync(cacheDir)) if (file.endsWith('.json')) rmSync(path.join(cacheDir, file));
  }

  async function fullRun(planning: Planning): Promise<number> {
    mock.reset();
    if ('cache' in planning && planning.cache === 'schema values') forgetBoundaryPlans();
    const quiet = { write() {} };
    const started = performance.now();
    await runWithReporters({
      config: DEFAULT_CONFIG,
      apis: [...API_NAMES],
      // No target: the run starts its own embedded mock (the same code and config as the bare loop's).
      ...(planning.live ? { target: mock.url, ledger: path.join(cacheDir, 'ledger.jsonl') } : {}),
      ...('plans' in planning ? { plans } : { workers: planning.workers, ...(planning.cache === 'none' ? {} : { cacheDir }) }),
      seed: 1,
      runs: RUNS,
      strict: false,
      concurrency: CONCURRENCY,
      console: quiet,
      progress: quiet,
      showProgress: false,
    });
    return requests.length / ((performance.now() - started) / 1000);
  }

  const workers = defaultPlanWorkers(RUNS * specs.length);
  const threads = (count: number) => `${count} worker thread${count === 1 ? '' : 's'}${count === workers ? ' (default here)' : ''}`;
  const ways: [string, Planning][] = [
    ['full conformance run, plans made beforehand', { plans: true }],
    ['full run planning as it goes, on its own thread (--workers 0)', { workers: 0, cache: 'none' }],
    ...[...new Set([1, 2, workers])].map((count): [string, Planning] => [`full run planning as it goes, ${threads(count)}`, { workers: count, cache: 'none' }]),
    [`planning as it goes, ${workers} worker(s), a new seed: schema values kept`, { workers, cache: 'schema values' }],
    [`planning as it goes, ${workers} worker(s), same seed: boundary plans kept`, { workers, cache: 'all' }],
    ['the mock as a live target: plans made beforehand, with cleanup', { plans: true, live: true }],
  ];
  await fullRun({ workers: 0, cache: 'all' }); // fills the cache
  const bare: number[] = [];
  const rates = ways.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    bare.push(await bareLoop());
    for (const [index, [, planning]] of ways.entries()) rates[index]?.push(await fullRun(planning));
  }
  const best = (values: number[]) => Math.max(...values);
  const rounds = (values: number[]) => values.map(Math.round).join(', ');
  line(`bare undici loop, concurrency ${CONCURRENCY} (${requests.length} requests)`, `${Math.round(best(bare))} requests/s (rounds: ${rounds(bare)})`);
  for (const [index, [label]] of ways.entries()) {
    const measured = rates[index] ?? [];
    line(label, `${Math.round(best(measured))} requests/s, ${(best(measured) / best(bare)).toFixed(2)}x bare (rounds: ${rounds(measured)})`);
  }
  const ratioOf = (text: string) => best(rates[ways.findIndex(([label]) => label.includes(text))] ?? []) / best(bare);
  line(
    'goal: planning as it goes >= 0.6x bare',
    `${ratioOf('(default here)').toFixed(2)}x with the default ${workers} worker(s) and no cache, ${ratioOf('a new seed').toFixed(2)}x as a new seed finds the cache`,
  );
} finally {
  await mock.close();
  rmSync(cacheDir, { recursive: true, force: true });
}
line('peak resident memory of this benchmark', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
