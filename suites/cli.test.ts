import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { conformanceSync } from './support/cli-process.ts';

const conformance = (...args: string[]) => conformanceSync(args);

describe('conformance CLI', () => {
  it('describes every option and exit status of DESIGN.md in --help', () => {
    const { status, stdout } = conformance('--help');
    expect(status).toBe(0);
    const designFile = path.join(PROJECT_ROOT, '..', 'shared', 'DESIGN.md');
    const design = existsSync(designFile) ? readFileSync(designFile, 'utf8') : '';
    const synopsis = design.match(/npx conformance run[^\n]*\n[^\n]*\n\s*npx conformance mock[^\n]*/)?.[0];
    const options = synopsis
      ? [...synopsis.matchAll(/--[a-z]+/g)].map((m) => m[0])
      : ['--target', '--config', '--api', '--seed', '--runs', '--report', '--junit', '--json', '--strict', '--port'];
    for (const option of new Set(options)) expect(stdout).toContain(option);
    expect(stdout).toMatch(/0\s+every explicit requirement held/);
    expect(stdout).toMatch(/1\s+at least one conformance failure/);
    expect(stdout).toMatch(/2\s+usage or config error/);
  });

  it('refuses an unknown option or command with exit 2 and a message, not a stack trace', () => {
    for (const args of [['run', '--bogus'], ['frobnicate'], ['run', '--api', 'nova'], ['run', '--seed', '-1'], ['mock', '--port', '70000']]) {
      const { status, stderr } = conformance(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^conformance: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('counts an API named twice once', () => {
    const { status, stdout } = conformance('specs', '--api', 'lbaas-healthmonitors', '--api', 'lbaas-healthmonitors', '--json');
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(1);
  });

  it('prints per-API requirement counts from the specs', () => {
    const { status, stdout } = conformance('specs', '--api', 'lbaas-healthmonitors', '--json');
    expect(status).toBe(0);
    const [summary] = JSON.parse(stdout) as { api: string; rule: { explicit: number }; errata: number }[];
    expect(summary?.api).toBe('lbaas-healthmonitors');
    expect(summary?.rule.explicit).toBeGreaterThan(0);
    expect(summary?.errata).toBeGreaterThan(0);
  });
});

describe('conformance CLI writing into a pipe its reader closes', () => {
  it('stops quietly, without an unhandled EPIPE error (`conformance specs --json | head -c 10`)', async () => {
    // The listing is larger than a pipe's buffer: the command is still writing when head exits.
    const entry = path.join(PROJECT_ROOT, 'bin', 'conformance.js');
    const child = spawn('sh', ['-c', `"${process.execPath}" "${entry}" specs --json | head -c 10`], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await once(child, 'close');
    expect(stdout).toHaveLength(10);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
  });
});
