import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';

/**
 * Selection and replay: --include/--exclude choose requirements; `conformance replay` sends the
 * recorded cases again (planned anew from the recorded seed, so signed afresh) and judges them
 * again, with the verdicts the recorded run gave against the same target.
 */

interface Line {
  caseId: string;
  requirementId: string;
  passed: boolean;
  request: { body?: unknown };
  checks: { requirementId: string; passed: boolean }[];
}

interface Results {
  run: { seed: number; selection?: Record<string, unknown>; replayOf?: string; plans?: Record<string, string> };
  results: Line[];
  summary: { verdicts: { requirementId: string; verdict: string }[] };
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Results;
const FAULTS = { CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay,compute-accepts-min-count-above-max-count' };
const APIS = ['--api', 'lbaas-healthmonitors', '--api', 'compute-servers'];

describe('conformance replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
  const file = (name: string) => path.join(dir, name);
  let recorded: Results;
  let replayed: CliRun;

  beforeAll(async () => {
    const run = await conformanceAsync(['run', ...APIS, '--seed', '3', '--runs', '3', '--json', file('recorded.json')], FAULTS);
    expect(run.status).toBe(1);
    recorded = read(file('recorded.json'));
    replayed = await conformanceAsync(['replay', file('recorded.json'), '--failed', '--json', file('replayed.json')], FAULTS);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--failed re-sends exactly the failed cases, the same requests, and reproduces their verdicts', () => {
    const failed = recorded.results.filter((result) => !result.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(replayed.status, replayed.stdout + replayed.stderr).toBe(1);
    const again = read(file('replayed.json'));
    expect(again.results.map((result) => result.caseId).sort()).toEqual(failed.map((result) => result.caseId).sort());
    const byId = new Map(failed.map((result) => [result.caseId, result]));
    for (const result of again.results) {
      expect(result.request.body, result.caseId).toEqual(byId.get(result.caseId)?.request.body);
      expect(result.passed, result.caseId).toBe(false);
    }
    const brokenBefore = recorded.summary.verdicts.filter((verdict) => verdict.verdict === 'broken').map((verdict) => verdict.requirementId);
    const brokenAgain = again.summary.verdicts.filter((verdict) => verdict.verdict === 'broken').map((verdict) => verdict.requirementId);
    expect(brokenAgain.sort()).toEqual(brokenBefore.sort());
    expect(again.run).toMatchObject({ seed: 3, replayOf: file('recorded.json'), plans: recorded.run.plans });
  });

  it('against a target that no longer breaks them, the replayed cases pass (exit 0)', async () => {
    const fixed = await conformanceAsync(['replay', file('recorded.json'), '--failed']);
    expect(fixed.status, fixed.stdout).toBe(0);
    expect(fixed.stdout).toMatch(/^Replaying \d+ cases? of /m);
  });

  it('--case picks cases by id; an unknown id is a usage error naming it', async () => {
    const [first] = recorded.results.filter((result) => !result.passed);
    const one = await conformanceAsync(['replay', file('recorded.json'), '--case', first?.caseId as string, '--json', file('one.json')], FAULTS);
    expect(one.status).toBe(1);
    expect(read(file('one.json')).results.map((result) => result.caseId)).toEqual([first?.caseId]);
    const unknown = await conformanceAsync(['replay', file('recorded.json'), '--case', 'lbaas-healthmonitors/nope#negative-1']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('holds no case "lbaas-healthmonitors/nope#negative-1"');
  });

  it('refuses when the plan changed (other fixtures): the same ids would be other requests', async () => {
    const config = {
      fixtures: { 'lbaas-healthmonitors': { tenantId: '11111111-2222-3333-4444-555555555555', poolId: '74aa2010-a59f-4d35-a436-60a6da882819' } },
    };
    writeFileSync(file('other.json'), JSON.stringify(config));
    const refused = await conformanceAsync(['replay', file('recorded.json'), '--failed', '--config', file('other.json')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('the plan of lbaas-healthmonitors is not the recorded one');
  });
});

describe('run --include / --exclude', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'include-'));
  const file = (name: string) => path.join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--include one requirement sends only its cases, runs only its API, and records the selection', async () => {
    const run = await conformanceAsync(['run', '--include', 'lbaas-healthmonitors/timeout-lt-delay', '--seed', '1', '--runs', '2', '--json', file('one.json')]);
    expect(run.status, run.stderr).toBe(0);
    const results = read(file('one.json'));
    expect(new Set(results.results.map((result) => result.requirementId))).toEqual(new Set(['lbaas-healthmonitors/timeout-lt-delay']));
    expect(results.results.length).toBeGreaterThan(0);
    expect(results.run.selection).toEqual({ include: ['lbaas-healthmonitors/timeout-lt-delay'] });
    expect(run.stdout).toMatch(/^ {2}✓ lbaas-healthmonitors /m);
    expect(run.stdout).not.toMatch(/compute-servers/);
    expect(run.stdout).toContain('(not selected (--include/--exclude))');
  });

  it('globs work, and --exclude removes what an include or the default keeps', async () => {
    const run = await conformanceAsync([
      'run',
      '--api',
      'lbaas-healthmonitors',
      '--include',
      'lbaas-healthmonitors/*-required',
      '--exclude',
      '*/pool-id-required',
      '--seed',
      '1',
      '--runs',
      '1',
      '--json',
      file('glob.json'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    const ids = new Set(read(file('glob.json')).results.map((result) => result.requirementId));
    expect([...ids].every((id) => id.endsWith('-required'))).toBe(true);
    expect(ids.has('lbaas-healthmonitors/timeout-required')).toBe(true);
    expect(ids.has('lbaas-healthmonitors/pool-id-required')).toBe(false);
  });

  it('a pattern that names no requirement is a usage error, not an empty run', async () => {
    const run = await conformanceAsync(['run', '--include', 'lbaas-healthmonitors/timeout-lt-dealy']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--include "lbaas-healthmonitors/timeout-lt-dealy" names no requirement');
  });
});
