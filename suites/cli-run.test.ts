import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/api-catalogue.ts';

function conformance(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'conformance.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('conformance run (CLI)', () => {
  it('runs against the embedded mock, exits 0, and streams versioned JSON results', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'run-cli-'));
    const json = path.join(dir, 'results.json');
    const { status, stdout, stderr } = conformance(['run', '--seed', '3', '--runs', '3', '--api', 'lbaas-healthmonitors', '--json', json]);
    expect(status, stdout + stderr).toBe(0);
    expect(stdout).toContain('conformant');
    expect(stdout).toContain('seed 3');
    const results = JSON.parse(readFileSync(json, 'utf8')) as { run: { formatVersion: number; seed: number }; results: { caseId: string }[]; summary: { exitCode: number; complete: boolean } };
    expect(results.run.formatVersion).toBe(1);
    expect(results.run.seed).toBe(3);
    expect(results.results.length).toBeGreaterThan(10);
    expect(results.summary).toMatchObject({ exitCode: 0, complete: true });
    expect(readFileSync(json, 'utf8')).not.toContain('mock-token');
  });

  it('exits 2 at once with the address and the cause when nothing listens at the target', () => {
    const started = Date.now();
    const { status, stderr } = conformance(['run', '--target', 'http://127.0.0.1:9', '--api', 'lbaas-healthmonitors', '--runs', '1']);
    expect(status).toBe(2);
    expect(stderr).toContain('http://127.0.0.1:9');
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('exits 1 and names the broken requirement when the target breaks one', () => {
    const { status, stdout } = conformance(['run', '--seed', '3', '--runs', '2', '--api', 'lbaas-healthmonitors'], { CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay' });
    expect(status).toBe(1);
    expect(stdout).toContain('lbaas-healthmonitors/timeout-lt-delay');
    expect(stdout).toContain('This value must be less than the ``delay`` value.');
    expect(stdout).toContain('reproduce: curl');
    expect(stdout).not.toContain('mock-token');
  });
});
