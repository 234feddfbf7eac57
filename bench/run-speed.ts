// Benchmark of the suite's speed: is it ever the bottleneck? In one process, against the same
// embedded mock, the same planned requests at the same concurrency: a bare undici loop, then
// the full conformance run (credentials, checks, verdicts, results). Run: npm run bench.
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

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
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

  /** With the plans made beforehand (sending, checking, reporting), or planning as it goes as `run` does. */
  async function fullRun(planned: boolean): Promise<number> {
    mock.reset();
    const quiet = { write() {} };
    const started = performance.now();
    await runWithReporters({
      config: DEFAULT_CONFIG,
      apis: [...API_NAMES],
      target: mock.url,
      ...(planned ? { plans } : {}),
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

  const bare: number[] = [];
  const full: number[] = [];
  const withPlanning: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    bare.push(await bareLoop());
    full.push(await fullRun(true));
    withPlanning.push(await fullRun(false));
  }
  const best = (rates: number[]) => Math.max(...rates);
  line(
    `bare undici loop, concurrency ${CONCURRENCY} (${requests.length} requests)`,
    `${Math.round(best(bare))} requests/s (rounds: ${bare.map(Math.round).join(', ')})`,
  );
  line(`full conformance run, same requests and concurrency`, `${Math.round(best(full))} requests/s (rounds: ${full.map(Math.round).join(', ')})`);
  line('ratio full / bare (goal >= 0.5)', (best(full) / best(bare)).toFixed(2));
  line('full run planning as it goes (as `run` does)', `${Math.round(best(withPlanning))} requests/s (rounds: ${withPlanning.map(Math.round).join(', ')})`);
  line('ratio full with planning / bare', (best(withPlanning) / best(bare)).toFixed(2));
} finally {
  await mock.close();
}
line('peak resident memory of this benchmark', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
