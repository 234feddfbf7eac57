// `conformance run` starts its planning threads from its arguments alone, before the run
// command's modules and the config load (cli/early-planning-threads.ts): the run plans with them
// when they are the threads it needs, and a run that fails before it plans leaves none running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { closeEarlyThreads, earlyPlanningThreads, earlyThreadsFor } from '../cli/early-planning-threads.ts';
import { defaultPlanWorkers, PlanPool, WORKERS_FROM_RANDOM_CASES } from '../runner/plan-pool.ts';
import { conformanceAsync } from './support/cli-process.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the planning threads run starts from its arguments', () => {
  it('are none when the arguments leave the APIs to the specs, ask for a dry run or for no thread, or are not valid', () => {
    const none = [
      ['--workers', '1', '--include', 'LBAAS-*'],
      ['--workers', '1', '--exclude', 'LBAAS-*'],
      ['--workers', '1', '--dry-run'],
      ['--workers', '0', '--runs', '100000'],
      // 50 random cases for each of five APIs: the run's own thread plans them sooner than a thread starts.
      [],
      ['--workers', '1', '--runs', 'many'],
      ['--workers', '1', '--api', 'no-such-api'],
      ['--workers', '1', '--no-such-option'],
    ];
    for (const args of none) expect(earlyPlanningThreads(args), args.join(' ')).toBeUndefined();
  });

  it('are the ones the run would start: --workers for the APIs named, else as many as the random cases pay for', async () => {
    const named = earlyPlanningThreads(['--workers', '2', '--api', 'cloudbasic-cluster', '--api', 'lbaas-healthmonitors']);
    const byCases = earlyPlanningThreads(['--runs', String(WORKERS_FROM_RANDOM_CASES)]);
    try {
      expect(named).toMatchObject({ workers: 2, apis: ['cloudbasic-cluster', 'lbaas-healthmonitors'] });
      expect(await named?.threads).toBeInstanceOf(PlanPool);
      expect(byCases).toMatchObject({ workers: defaultPlanWorkers(WORKERS_FROM_RANDOM_CASES * API_NAMES.length), apis: [...API_NAMES] });
      expect(await byCases?.threads).toBeInstanceOf(PlanPool);
    } finally {
      await closeEarlyThreads(named);
      await closeEarlyThreads(byCases);
    }
  });

  it('are taken by the run only when it plans with as many threads, for the same APIs in the same order', async () => {
    const early = earlyPlanningThreads(['--workers', '1', '--api', 'cloudbasic-cluster', '--api', 'lbaas-healthmonitors']);
    try {
      expect(earlyThreadsFor(early, 1, ['cloudbasic-cluster', 'lbaas-healthmonitors'])).toBe(early?.threads);
      expect(earlyThreadsFor(early, 2, ['cloudbasic-cluster', 'lbaas-healthmonitors'])).toBeUndefined();
      expect(earlyThreadsFor(early, 1, ['lbaas-healthmonitors', 'cloudbasic-cluster'])).toBeUndefined();
      expect(earlyThreadsFor(early, 1, ['cloudbasic-cluster'])).toBeUndefined();
      expect(earlyThreadsFor(undefined, 1, ['cloudbasic-cluster'])).toBeUndefined();
    } finally {
      await closeEarlyThreads(early);
    }
  });
});

// An unclosed planning thread keeps the process alive: these runs would never exit.
describe('a run that fails after its planning threads started', () => {
  it('exits 2 when its config file is missing', async () => {
    const { status, stderr } = await conformanceAsync(['run', '--workers', '1', '--api', 'lbaas-healthmonitors', '--config', 'no-such-config.yaml']);
    expect(status).toBe(2);
    expect(stderr).toContain('--config: no such file no-such-config.yaml');
  });

  it('exits 2 with the address when nothing listens at the target, while its threads were already planning', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'early-threads-'));
    folders.push(folder);
    const config = writeLiveConfig(folder);
    const { status, stderr } = await conformanceAsync(['run', '--workers', '1', '--runs', '1000', '--target', 'http://127.0.0.1:9', '--config', config]);
    expect(status).toBe(2);
    expect(stderr).toContain('http://127.0.0.1:9');
    expect(stderr).toMatch(/ECONNREFUSED/);
  });
});
