// Planning in worker threads and the on-disk cache of boundary plans (issue 18): the seed fixes
// every byte of a plan, whatever the number of workers and whether the cache was warm or cold.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { ConformanceError } from '../engine/errors.ts';
import { everyPlan, planRun, type PlanOptions } from '../runner/run-plan.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { CASES_PER_BATCH } from '../runner/plan-messages.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { conformanceAsync } from './support/cli-process.ts';
import { plannedBytes as planned } from './support/planned-bytes.ts';
import { defaultPlanWorkers, WORKERS_FROM_RANDOM_CASES } from '../runner/plan-pool.ts';
import { availableParallelism } from 'node:os';

// Fast to plan; CloudBasic's random cases are cheap, so its plan spans several batches.
const APIS = ['lbaas-healthmonitors', 'cloudbasic-cluster', 'cloud-databases-ha'];
const RUNS = 300;
const folders: string[] = [];

afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function cacheFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'plan-cache-'));
  folders.push(folder);
  return folder;
}

/** Each API's header and every case, as the run would take them, as JSON. */
function plannedBytes(options: Partial<PlanOptions>, config: ConformanceConfig = DEFAULT_CONFIG): Promise<string> {
  return planned(APIS, { config, seed: 11, runs: RUNS, ...options });
}

describe('planning in worker threads', () => {
  it('gives the same plan, byte for byte, on this thread and with 1 or 2 workers', async () => {
    const here = await plannedBytes({ workers: 0 });
    const parsed = JSON.parse(here) as { cases: unknown[] }[];
    expect(parsed.map((api) => api.cases.length).every((count) => count > RUNS)).toBe(true);
    expect(Math.max(...parsed.map((api) => api.cases.length))).toBeGreaterThan(CASES_PER_BATCH);
    expect(await plannedBytes({ workers: 1 })).toBe(here);
    expect(await plannedBytes({ workers: 2 })).toBe(here);
  }, 120_000);

  it('hands the cases of a batch that exercise the same requirements one list, not a copy each', async () => {
    const specs = await Promise.all(['cloudbasic-cluster'].map((api) => loadSpec(api)));
    const run = await planRun(specs, { config: DEFAULT_CONFIG, seed: 11, runs: RUNS, workers: 1 });
    const cases: PlannedCase[] = [];
    try {
      for (const api of await everyPlan(run)) for await (const testCase of api.cases) cases.push(testCase);
    } finally {
      await run.close();
    }
    expect(cases.length).toBeGreaterThan(CASES_PER_BATCH);
    const sharedByBatch: number[] = [];
    for (let start = 0; start < cases.length; start += CASES_PER_BATCH) {
      const lists = cases.slice(start, start + CASES_PER_BATCH).flatMap((testCase) => (testCase.exercises ? [testCase.exercises] : []));
      const distinctContents = new Set(lists.map((list) => list.join(' ')));
      expect(new Set(lists).size, `the batch from case ${start}`).toBe(distinctContents.size);
      sharedByBatch.push(lists.length - distinctContents.size);
    }
    // Every batch, the first (boundary cases and the first random ones) as well, has cases that share a list.
    expect(
      sharedByBatch.every((shared) => shared > 0),
      sharedByBatch.join(' '),
    ).toBe(true);
  }, 60_000);

  it("carries a worker's error to the run with its code and hint", async () => {
    const { 'cloud-databases-ha': _dropped, ...fixtures } = DEFAULT_CONFIG.fixtures;
    const config = { ...DEFAULT_CONFIG, fixtures };
    const failures = await Promise.all([0, 2].map((workers) => plannedBytes({ workers }, config).catch((error: unknown) => error)));
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ConformanceError);
      expect(failure).toMatchObject({ code: 'CONF_CONFIG_INVALID', message: 'the config gives no fixtures for cloud-databases-ha' });
      expect((failure as ConformanceError).hint).toContain('fixtures.schema.json');
    }
  }, 60_000);
});

describe('the cache of boundary plans', () => {
  it('gives the same plan cold and warm, in a worker and on this thread', async () => {
    const uncached = await plannedBytes({ workers: 0 });
    const folder = cacheFolder();
    expect(await plannedBytes({ workers: 1, cacheDir: folder })).toBe(uncached);
    const kept = readdirSync(folder);
    expect(kept.map((file) => file.replace(/-[0-9a-f]{32}\.(json|v8)$/, '')).sort()).toEqual(['cloud-databases-ha', 'lbaas-healthmonitors', 'schema-values']);
    expect(await plannedBytes({ workers: 1, cacheDir: folder })).toBe(uncached);
    expect(await plannedBytes({ workers: 0, cacheDir: folder })).toBe(uncached);
    expect(readdirSync(folder)).toEqual(kept);
  }, 120_000);

  it('never writes a plan that holds a secret: CloudBasic sends its private key in the body', async () => {
    const folder = cacheFolder();
    await plannedBytes({ workers: 0, cacheDir: folder });
    const privateKey = (DEFAULT_CONFIG.fixtures['cloudbasic-cluster'] as { privateKey: string }).privateKey;
    expect(privateKey.length).toBeGreaterThan(0);
    for (const file of readdirSync(folder)) expect(readFileSync(path.join(folder, file), 'utf8')).not.toContain(privateKey);
    expect(readdirSync(folder).some((file) => file.startsWith('cloudbasic-cluster'))).toBe(false);
  }, 60_000);

  it('plans anew over a damaged entry, and mends it', async () => {
    const uncached = await plannedBytes({ workers: 0 });
    const folder = cacheFolder();
    await plannedBytes({ workers: 1, cacheDir: folder });
    for (const file of readdirSync(folder)) writeFileSync(path.join(folder, file), '{"cases": [');
    // A worker thread starts with no schema values made, as a new process does: it reads the file, and writes it again.
    expect(await plannedBytes({ workers: 1, cacheDir: folder })).toBe(uncached);
    const files = readdirSync(folder);
    expect(files.filter((file) => file.endsWith('.json'))).toHaveLength(2);
    for (const file of files.filter((name) => name.endsWith('.json'))) expect(() => JSON.parse(readFileSync(path.join(folder, file), 'utf8'))).not.toThrow();
    const values = files.filter((name) => name.startsWith('schema-values-'));
    expect(values).toHaveLength(1);
    expect(deserialize(readFileSync(path.join(folder, values[0] as string)))).toMatchObject({ format: 1 });
  }, 120_000);

  it("keeps each schema's values for a run with another seed: the plan made from them is the one made without", async () => {
    const folder = cacheFolder();
    await plannedBytes({ workers: 1, cacheDir: folder, seed: 1 });
    for (const file of readdirSync(folder)) if (file.endsWith('.json')) rmSync(path.join(folder, file));
    const [values] = readdirSync(folder);
    expect(values).toMatch(/^schema-values-[0-9a-f]{32}\.v8$/);
    const kept = deserialize(readFileSync(path.join(folder, values as string))) as { memos: Map<string, Map<string, unknown[]>> };
    expect([...kept.memos.keys()].sort()).toEqual(['boundary', 'example', 'invalid']);
    expect(kept.memos.get('invalid')?.size).toBeGreaterThan(10);
    // Seed 2 in a fresh thread: every value from the file, or every value made; the same bytes.
    expect(await plannedBytes({ workers: 1, cacheDir: folder, seed: 2 })).toBe(await plannedBytes({ workers: 1, cacheDir: cacheFolder(), seed: 2 }));
  }, 120_000);

  it('keys an entry by the seed and the fixtures', async () => {
    const folder = cacheFolder();
    await plannedBytes({ workers: 0, cacheDir: folder, seed: 1 });
    await plannedBytes({ workers: 0, cacheDir: folder, seed: 2 });
    const lbaas = DEFAULT_CONFIG.fixtures['lbaas-healthmonitors'] as Record<string, unknown>;
    const other = { ...DEFAULT_CONFIG, fixtures: { ...DEFAULT_CONFIG.fixtures, 'lbaas-healthmonitors': { ...lbaas, callerIsAdmin: !lbaas.callerIsAdmin } } };
    await plannedBytes({ workers: 0, cacheDir: folder, seed: 2 }, other);
    expect(readdirSync(folder).filter((file) => file.startsWith('lbaas-healthmonitors'))).toHaveLength(3);
  }, 120_000);

  it("keeps no plan of a live run (its tag, new each run, is in every unique name), only the schemas' values", async () => {
    const folder = cacheFolder();
    const live = await plannedBytes({ workers: 1, cacheDir: folder, runId: 'a1b2c3' });
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^schema-values-[0-9a-f]{32}\.v8$/)]);
    expect(await plannedBytes({ workers: 1, cacheDir: folder, runId: 'a1b2c3' })).toBe(live);
    expect(await plannedBytes({ workers: 1, runId: 'a1b2c3' })).toBe(live);
  }, 60_000);
});

describe('--workers, --cache-dir and --no-cache', () => {
  it("plan a short run on its own thread and a long one in a thread per core but the run's own, by default", () => {
    expect(defaultPlanWorkers(WORKERS_FROM_RANDOM_CASES - 1)).toBe(0);
    expect(defaultPlanWorkers(WORKERS_FROM_RANDOM_CASES)).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('print the same dry run whatever the workers and the cache', async () => {
    const folder = cacheFolder();
    const dryRun = (...extra: string[]) => conformanceAsync(['run', '--dry-run', '--api', 'lbaas-healthmonitors', '--seed', '5', '--runs', '3', ...extra]);
    const [here, two, cold] = await Promise.all([
      dryRun('--workers', '0', '--no-cache'),
      dryRun('--workers', '2', '--no-cache'),
      dryRun('--cache-dir', folder),
    ]);
    const warm = await dryRun('--workers', '1', '--cache-dir', folder);
    for (const run of [here, two, cold, warm]) expect(run.status, run.stderr).toBe(0);
    expect(here.stdout).toMatch(/^lbaas-healthmonitors \(POST /);
    for (const run of [two, cold, warm]) expect(run.stdout).toBe(here.stdout);
    expect(
      readdirSync(folder)
        .map((file) => file.replace(/-[0-9a-f]{32}\.(json|v8)$/, ''))
        .sort(),
    ).toEqual(['lbaas-healthmonitors', 'schema-values']);
  }, 120_000);

  it('refuse a bad worker count and a contradiction with exit 2 and a message', async () => {
    for (const args of [
      ['--workers', '-1'],
      ['--workers', 'many'],
      ['--cache-dir', tmpdir(), '--no-cache'],
    ]) {
      const { status, stderr } = await conformanceAsync(['run', '--dry-run', '--api', 'lbaas-healthmonitors', ...args]);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^conformance: .*(--workers|contradict)/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
