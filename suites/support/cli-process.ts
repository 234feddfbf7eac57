import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import path from 'node:path';
import { PROJECT_ROOT } from '../../engine/project-files.ts';

/** The variables the CLI reads; a test starts from none of them, then sets what it needs. */
const CONFORMANCE_VARIABLES = [
  'CONFORMANCE_AUTH_TOKEN',
  'CONFORMANCE_SIGV4_ACCESS_KEY_ID',
  'CONFORMANCE_SIGV4_SECRET_ACCESS_KEY',
  'CONFORMANCE_MOCK_FAULTS',
  'OS_CLOUD',
  'OS_AUTH_URL',
  'OS_CLIENT_CONFIG_FILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'http_proxy',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
  'GITHUB_STEP_SUMMARY',
];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function environment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1' };
  for (const name of CONFORMANCE_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

const ENTRY = path.join(PROJECT_ROOT, 'bin', 'conformance.js');

/** Runs `conformance ARGS` from the repo root and waits for it (for short commands). */
export function conformanceSync(args: string[], extra: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [ENTRY, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: environment(extra), timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `conformance ARGS` from the repo root (or from another copy of the project) without
 * blocking the test's event loop (servers in the test keep answering).
 */
export async function conformanceAsync(args: string[], extra: NodeJS.ProcessEnv = {}, root = PROJECT_ROOT): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'conformance.js'), ...args], {
    cwd: root,
    env: environment(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collected(child);
}

/** A spawned child's exit status and everything it wrote, once it has closed. */
export async function collected(child: ChildProcessByStdio<null, Readable, Readable>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}
