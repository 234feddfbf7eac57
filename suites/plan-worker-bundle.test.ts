// The build bundles the planning thread's modules into one file (tools/bundle-plan-worker.mjs): a
// thread loads it instead of its modules one by one. Inside it each module finds its data files
// as it does compiled, so a bundled thread plans the same bytes as the run's own thread.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { distIsFresh } from '../bin/dist-freshness.js';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { COMPILED_FOLDER, PROJECT_ROOT } from '../engine/project-files.ts';
import { compiledWorker, workerEntry } from '../runner/plan-pool.ts';
import { plannedBytes } from './support/planned-bytes.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the compiled planning thread', () => {
  it('is the bundle when the build wrote one, else the compiled module', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plan-worker-'));
    folders.push(folder);
    writeFileSync(path.join(folder, 'plan-worker.js'), '');
    expect(compiledWorker(folder)).toBe(pathToFileURL(path.join(folder, 'plan-worker.js')).href);
    writeFileSync(path.join(folder, 'plan-worker.bundle.js'), '');
    expect(compiledWorker(folder)).toBe(pathToFileURL(path.join(folder, 'plan-worker.bundle.js')).href);
  });
});

// npm ci builds dist/ (the prepare step): CI plans with the bundle.
describe.runIf(distIsFresh(PROJECT_ROOT))('the bundle the build wrote', () => {
  it('is what a planning thread loads', async () => {
    expect(await workerEntry()).toEqual({ entry: pathToFileURL(path.join(PROJECT_ROOT, COMPILED_FOLDER, 'runner', 'plan-worker.bundle.js')).href });
  });

  it('plans the same bytes as the run’s own thread: its modules find the specs, fixtures and schemas they read', async () => {
    const bytes = (workers: number) => plannedBytes(['orchestration-stacks', 'cloudbasic-cluster'], { config: DEFAULT_CONFIG, seed: 5, runs: 40, workers });
    const here = await bytes(0);
    expect(here.length).toBeGreaterThan(10_000);
    expect(await bytes(1)).toBe(here);
  });
});
