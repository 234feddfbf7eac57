// Where the time goes: a CPU profile (V8's sampling profiler, through node:inspector) of
// planning every API, then of a run that sends those plans to the embedded mock and checks the
// answers. Prints each phase's functions by self time and by inclusive time, as files of the
// project or of its dependencies. Run: npm run bench:profile (BENCH_RUNS sets --runs, default 200).
import { Session, type Profiler, type Runtime } from 'node:inspector/promises';
import path from 'node:path';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import type { ApiName } from '../engine/api-name.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { runConformance } from '../runner/run-conformance.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SHOWN = Number(process.env.BENCH_SHOWN ?? 15);

function where(frame: Runtime.CallFrame): string {
  const file = frame.url.startsWith('file://') ? path.relative(PROJECT_ROOT, new URL(frame.url).pathname).replace(/^node_modules\//, '') : frame.url;
  return `${frame.functionName || '(anonymous)'} ${file || '(native)'}`;
}

/** Milliseconds per function: spent in it (self), and with what it calls (inclusive, each function once per sample). */
function tally(profile: Profiler.Profile): { self: Map<string, number>; inclusive: Map<string, number>; total: number } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, index) => {
    const ms = (profile.timeDeltas?.[index] ?? 0) / 1000;
    total += ms;
    const leaf = nodes.get(id);
    if (leaf) self.set(where(leaf.callFrame), (self.get(where(leaf.callFrame)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const name = where((nodes.get(at) as Profiler.ProfileNode).callFrame);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
      seen.add(name);
    }
  });
  return { self, inclusive, total };
}

function print(title: string, profile: Profiler.Profile): void {
  const { self, inclusive, total } = tally(profile);
  const top = (counts: Map<string, number>) => [...counts].sort((left, right) => right[1] - left[1]).slice(0, SHOWN);
  const row = ([name, ms]: [string, number]) => console.log(`  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  console.log(`${title}: ${(total / 1000).toFixed(1)} s sampled\n by self time:`);
  top(self).forEach(row);
  console.log(' by inclusive time (the project’s functions):');
  top(new Map([...inclusive].filter(([name]) => /\.ts$/.test(name) && !name.includes('bench/')))).forEach(row);
}

async function profiled<T>(session: Session, work: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile }> {
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  return { result, profile };
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
const planning = await profiled(session, async () => {
  const plans: Partial<Record<ApiName, ApiPlan>> = {};
  for (const spec of specs) plans[spec.api] = planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: RUNS });
  return plans;
});
const cases = Object.values(planning.result).reduce((sum, plan) => sum + (plan?.cases.length ?? 0), 0);
print(`planning ${cases} cases (5 APIs, --runs ${RUNS})`, planning.profile);
const quiet = { write() {} };
const sending = await profiled(session, () =>
  runConformance({ config: DEFAULT_CONFIG, apis: [...API_NAMES], plans: planning.result, seed: 1, runs: RUNS, strict: false, concurrency: 8, console: quiet }),
);
print(`sending and checking the same ${sending.result.cases} cases against the embedded mock`, sending.profile);
session.disconnect();
