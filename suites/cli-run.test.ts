import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { conformanceAsync, conformanceSync as conformance } from './support/cli-process.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

describe('conformance run (CLI)', () => {
  it('runs against the embedded mock, exits 0, and streams versioned JSON results', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'run-cli-'));
    const json = path.join(dir, 'results.json');
    const { status, stdout, stderr } = conformance(['run', '--seed', '3', '--runs', '3', '--api', 'lbaas-healthmonitors', '--json', json]);
    expect(status, stdout + stderr).toBe(0);
    expect(stdout).toContain('conformant');
    expect(stdout).toContain('seed 3');
    const results = JSON.parse(readFileSync(json, 'utf8')) as {
      run: { formatVersion: number; seed: number };
      results: { caseId: string }[];
      summary: { exitCode: number; complete: boolean };
    };
    expect(results.run.formatVersion).toBe(1);
    expect(results.run.seed).toBe(3);
    expect(results.results.length).toBeGreaterThan(10);
    expect(results.summary).toMatchObject({ exitCode: 0, complete: true });
    expect(readFileSync(json, 'utf8')).not.toContain('mock-token');
  });

  it('says in one line that a negative number is no value, and exits 2', () => {
    const { status, stderr } = conformance(['run', '--runs', '-1']);
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe('conformance: run: --runs needs a value, and a negative number is never one (--runs takes a whole number)');
  });

  it('refuses two outputs in one file before running (the JSON would be lost)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'run-cli-')), 'same.out');
    const { status, stderr } = conformance(['run', '--json', file, '--report', file]);
    expect(status).toBe(2);
    expect(stderr).toContain('--report and --json name the same file');
  });

  it('exits 2 at once with the address and the cause when nothing listens at the target', () => {
    const started = Date.now();
    const config = writeLiveConfig(mkdtempSync(path.join(tmpdir(), 'run-cli-')));
    const { status, stderr } = conformance(['run', '--target', 'http://127.0.0.1:9', '--config', config, '--api', 'lbaas-healthmonitors', '--runs', '1']);
    expect(status).toBe(2);
    expect(stderr).toContain('http://127.0.0.1:9');
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('exits 1 and names the broken requirement when the target breaks one', () => {
    const { status, stdout } = conformance(['run', '--seed', '3', '--runs', '2', '--api', 'lbaas-healthmonitors'], {
      CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay',
    });
    expect(status).toBe(1);
    expect(stdout).toContain('lbaas-healthmonitors/timeout-lt-delay');
    expect(stdout).toContain('This value must be less than the ``delay`` value.');
    expect(stdout).toContain('reproduce: curl');
    expect(stdout).not.toContain('mock-token');
  });
});

describe('conformance run (CLI) interrupted', () => {
  it('stops within a second of SIGINT, writes the results and reports marked incomplete, and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'run-cli-'));
    const json = path.join(dir, 'results.json');
    const html = path.join(dir, 'report.html');
    const junit = path.join(dir, 'junit.xml');
    const child = spawn(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'bin', 'conformance.js'),
        'run',
        '--seed',
        '3',
        '--runs',
        '1000',
        '--concurrency',
        '1',
        '--json',
        json,
        '--report',
        html,
        '--junit',
        junit,
      ],
      {
        env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Interrupt once results are flowing: the JSON file has its header.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          if (readFileSync(json, 'utf8').includes('"results"')) {
            clearInterval(poll);
            resolve();
          }
        } catch {
          // not created yet
        }
      }, 50);
    });
    const interrupted = Date.now();
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(Date.now() - interrupted).toBeLessThan(5_000);
    expect(code).toBe(1);
    expect(stdout).toContain('interrupted');
    const results = JSON.parse(readFileSync(json, 'utf8')) as { summary: { complete: boolean; exitCode: number } };
    expect(results.summary).toMatchObject({ complete: false, exitCode: 1 });
    expect(readFileSync(html, 'utf8')).toContain('INCOMPLETE');
    expect(readFileSync(junit, 'utf8')).toContain('name="all-cases-sent"');
  });
});

describe('conformance run (CLI) against a target that accepts the connection and never answers', () => {
  it('ends within --deadline with exit 1 and writes the reports, marked incomplete', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const dir = mkdtempSync(path.join(tmpdir(), 'run-cli-'));
    const [html, junit] = [path.join(dir, 'report.html'), path.join(dir, 'junit.xml')];
    try {
      const target = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const config = writeLiveConfig(dir);
      const { status, stdout } = await conformanceAsync([
        'run',
        '--target',
        target,
        '--config',
        config,
        '--api',
        'lbaas-healthmonitors',
        '--runs',
        '1',
        '--timeout',
        '1',
        '--deadline',
        '2',
        '--report',
        html,
        '--junit',
        junit,
      ]);
      expect(status, stdout).toBe(1);
      expect(stdout).toMatch(/deadline \(2000 ms\) passed/);
      expect(readFileSync(html, 'utf8')).toContain('INCOMPLETE');
      expect(readFileSync(junit, 'utf8')).toContain('name="all-cases-sent"');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('conformance run --dry-run', () => {
  it('prints the planned cases, sends nothing (nothing listens at the target) and exits 0', () => {
    const { status, stdout } = conformance([
      'run',
      '--dry-run',
      '--target',
      'http://127.0.0.1:9',
      '--api',
      'orchestration-stacks',
      '--seed',
      '2',
      '--runs',
      '3',
      '--negative-only',
    ]);
    expect(status, stdout).toBe(0);
    expect(stdout).toContain('orchestration-stacks/stack-name-pattern#negative-1  POST expects 400');
    expect(stdout).not.toMatch(/#positive-/);
    expect(stdout).toMatch(/\d+ cases would be sent; nothing was sent \(--dry-run\)\. Left out: \d+ \(--negative-only \(it would create a resource\)\)\./);
  });
});
