import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';
import { closedPort } from './support/closed-port.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

/**
 * The CI recipe's gate: shards of one run, merged by `conformance report`. A missing shard, a
 * shard of another seed, or a shard whose run ended with exit 2 must fail the merge (exit 2)
 * naming the cause; all the shards together give the unsharded run's verdicts.
 */

const API = ['--api', 'lbaas-healthmonitors', '--api', 'cloudbasic-cluster'];
const FAULT = { CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay' };

function summaryLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^ {2}[✓✗!] /.test(line));
}

describe('conformance report over the shards of a run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shards-'));
  const file = (name: string) => path.join(dir, name);
  let whole: CliRun;

  beforeAll(async () => {
    const shard = (index: number, seed = '5') =>
      conformanceAsync(['run', ...API, '--seed', seed, '--runs', '4', '--shard', `${index}/3`, '--json', file(`shard-${index}-seed-${seed}.json`)], FAULT);
    [whole] = await Promise.all([conformanceAsync(['run', ...API, '--seed', '5', '--runs', '4'], FAULT), shard(1), shard(2), shard(3), shard(2, '6')]);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('all three shards give the unsharded run’s verdicts and exit code', async () => {
    const merged = await conformanceAsync([
      'report',
      file('shard-1-seed-5.json'),
      file('shard-2-seed-5.json'),
      file('shard-3-seed-5.json'),
      '--junit',
      file('merged.xml'),
    ]);
    expect(merged.status, merged.stderr).toBe(whole.status);
    expect(merged.status).toBe(1);
    expect(summaryLines(merged.stdout)).toEqual(summaryLines(whole.stdout));
  });

  it('2 of 3 shards: exit 2, naming the missing shard', async () => {
    const merged = await conformanceAsync(['report', file('shard-1-seed-5.json'), file('shard-3-seed-5.json'), '--junit', file('partial.xml')]);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toContain('shard 2/3 of lbaas-healthmonitors is missing');
    expect(merged.stdout).not.toContain('conformant');
  });

  it('shards of two seeds: exit 2, naming the seeds', async () => {
    const merged = await conformanceAsync([
      'report',
      file('shard-1-seed-5.json'),
      file('shard-2-seed-6.json'),
      file('shard-3-seed-5.json'),
      '--junit',
      file('mixed.xml'),
    ]);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toContain('runs of different seeds: seed 5');
    expect(merged.stderr).toContain(`seed 6 (${file('shard-2-seed-6.json')})`);
  });

  it('a shard that exits 2 still writes its JSON and JUnit, and the merge fails naming why', async () => {
    const port = await closedPort();
    const failed = await conformanceAsync([
      'run',
      ...API,
      '--seed',
      '5',
      '--runs',
      '4',
      '--shard',
      '2/3',
      '--target',
      `http://127.0.0.1:${port}`,
      '--config',
      writeLiveConfig(dir),
      '--json',
      file('shard-2-down.json'),
      '--junit',
      file('shard-2-down.xml'),
    ]);
    expect(failed.status).toBe(2);
    const results = JSON.parse(readFileSync(file('shard-2-down.json'), 'utf8')) as {
      run: { shard: unknown };
      summary: { exitCode: number; error: { code: string } };
    };
    expect(results.run.shard).toEqual({ index: 2, count: 3 });
    expect(results.summary).toMatchObject({ exitCode: 2, error: { code: 'CONF_TARGET_UNREACHABLE' } });
    expect(readFileSync(file('shard-2-down.xml'), 'utf8')).toMatch(/<error message="[^"]*127\.0\.0\.1[^"]*" type="CONF_TARGET_UNREACHABLE"/);
    const merged = await conformanceAsync([
      'report',
      file('shard-1-seed-5.json'),
      file('shard-2-down.json'),
      file('shard-3-seed-5.json'),
      '--junit',
      file('down.xml'),
    ]);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toContain('shard-2-down.json: its run ended with exit 2, before any verdict');
  });
});
