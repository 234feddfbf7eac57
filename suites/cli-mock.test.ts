import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { PROJECT_ROOT } from '../engine/project-files.ts';

function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'conformance.js'), 'mock', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never await `listening`: keep its rejection from going unhandled.
  listening.catch(() => undefined);
  return { child, listening, output: () => ({ stdout, stderr }) };
}

describe('conformance mock (CLI)', () => {
  it('prints its URL when ready, serves the config, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mock-cli-'));
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ fixtures: { 'orchestration-stacks': { tenantId: 'tenant-from-config' } } }));
    const cli = startCli(['--port', '0', '--config', config], { CONFORMANCE_AUTH_TOKEN: 'token-from-env' });
    const url = await cli.listening;
    expect(cli.output().stdout).toContain('orchestration-stacks');
    const post = (token: string) =>
      request(`${url}/v1/tenant-from-config/stacks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': token },
        body: JSON.stringify({ stack_name: 'from_cli', template_url: 'http://example.com/t.yaml' }),
      });
    const accepted = await post('token-from-env');
    expect(accepted.statusCode).toBe(201);
    await accepted.body.text();
    const refused = await post('mock-token');
    expect(refused.statusCode).toBe(401);
    await refused.body.text();
    cli.child.kill('SIGTERM');
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
    expect(cli.output().stdout).toContain('stopped (SIGTERM)');
    expect(cli.output().stdout + cli.output().stderr).not.toContain('token-from-env');
  });

  it('refuses a bad config, an unknown fault and a taken port with exit 2 and a message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mock-cli-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ fixtures: { 'lbaas-healthmonitors': { poolId: 'x' } }, unknownKey: 1 }));
    for (const args of [
      ['--config', bad],
      ['--fault', 'no-such-fault'],
      ['--personality', 'sloppy'],
    ]) {
      const cli = startCli(args);
      const [code] = await once(cli.child, 'exit');
      expect(code, args.join(' ')).toBe(2);
      expect(cli.output().stderr).toMatch(/^conformance: /);
    }
    const first = startCli(['--port', '0']);
    const url = await first.listening;
    const taken = startCli(['--port', new URL(url).port]);
    const [code] = await once(taken.child, 'exit');
    expect(code).toBe(2);
    expect(taken.output().stderr).toContain('EADDRINUSE');
    first.child.kill('SIGINT');
    await once(first.child, 'exit');
  });
});
