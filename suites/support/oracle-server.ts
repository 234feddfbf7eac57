import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../engine/project-files.ts';

/**
 * The upstream OpenStack "oracle" servers of ../shared/oracles (README.md there): loopback
 * servers running OpenStack's own API code, started one per test file or tool run.
 */
export const ORACLE_NAMES = ['compute-servers', 'orchestration-stacks', 'lbaas-healthmonitors'] as const;
export type OracleName = (typeof ORACLE_NAMES)[number];

export const ORACLES_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'oracles');
/** What to do when the oracles are missing (needs root: it only runs apt-get). */
export const ORACLES_INSTALL_HINT = `the OpenStack oracles are not installed: run ../shared/oracles/install.sh (as root; ${path.join(ORACLES_DIR, 'install.sh')})`;

/** How long an oracle may take to print its port (it usually takes 2–8 s). */
const START_BOUND_MS = 60_000;
/** How long stop() waits for the exit after SIGTERM before it sends SIGKILL. */
const STOP_BOUND_MS = 30_000;
/** How much of the oracle's stderr is kept for error messages. */
const STDERR_TAIL_CHARS = 4_000;

export interface RunningOracle {
  name: OracleName;
  url: string;
  port: number;
  pid: number;
  /** The oracle's `GET /_oracle/fixtures`, as JSON. */
  fixtures: unknown;
  /** The last few thousand characters the oracle wrote to stderr (its log). */
  stderrTail(): string;
  /** SIGTERM, then resolves once the process has exited. */
  stop(): Promise<void>;
}

export class OracleStartError extends Error {
  constructor(name: OracleName | 'keystone', why: string, stderrTail: string) {
    super(`oracle ${name} did not start: ${why}\n--- last lines of its stderr ---\n${stderrTail.trim() || '(nothing)'}`);
    this.name = 'OracleStartError';
  }
}

/** True when Debian's python3 can import the upstream packages the oracles run. */
export function oraclesInstalled(): boolean {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import nova, heat, octavia'], { stdio: 'ignore' });
  return probe.status === 0;
}

// Oracles this process started and has not seen exit: killed (by pid) if the process ends first.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killLeftovers(): void {
  for (const child of running) child.kill('SIGTERM');
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `it was killed by ${signal}` : `it exited with status ${code}`;
}

/** Waits, by events only, for the first line of stdout: the bound port. */
function awaitPort(name: OracleName | 'keystone', child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let stdout = '';
    const cleanup = () => {
      clearTimeout(bound);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const fail = (why: string) => {
      cleanup();
      reject(new OracleStartError(name, why, stderr()));
    };
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const line = stdout.slice(0, newline).trim();
      const port = Number(line);
      if (!/^\d+$/.test(line) || port < 1 || port > 65535) {
        child.kill('SIGTERM');
        fail(`its first line of stdout is not a port: ${JSON.stringify(line.slice(0, 200))}`);
        return;
      }
      cleanup();
      resolve(port);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`${describeExit(code, signal)} before printing its port`);
    const onError = (error: Error) => fail(`it could not be spawned: ${error.message}`);
    const bound = setTimeout(() => {
      child.kill('SIGTERM');
      fail(`it printed no port within ${START_BOUND_MS / 1000} s (killed)`);
    }, START_BOUND_MS);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function awaitExit(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_BOUND_MS);
    escalate.unref();
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
  });
}

async function fetchFixtures(url: string): Promise<unknown> {
  const response = await fetch(`${url}/_oracle/fixtures`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}/_oracle/fixtures answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/**
 * Starts one oracle on a free loopback port (`start-<name>.sh 0`) and resolves once it listens,
 * with its URL and fixtures. Rejects, with the tail of its stderr, if it exits first or prints
 * no port within 60 s. `env` is added to this process's environment (e.g. ORACLE_SETTLE_SECONDS).
 */
export async function startOracle(name: OracleName, env: Record<string, string> = {}, port = 0): Promise<RunningOracle> {
  if (!ORACLE_NAMES.includes(name)) throw new Error(`no oracle named ${JSON.stringify(name)} (one of ${ORACLE_NAMES.join(', ')})`);
  const server = await startServer(name, env, port);
  let fixtures: unknown;
  try {
    fixtures = await fetchFixtures(server.url);
  } catch (error) {
    await server.stop();
    throw new OracleStartError(name, `it listens on ${server.url} but its fixtures could not be read: ${(error as Error).message}`, server.stderrTail());
  }
  return { name, fixtures, ...server };
}

/** Upstream Keystone on loopback (start-keystone.sh): env ORACLE_ENDPOINTS, ORACLE_TOKEN_EXPIRATION. Its URL is the identity v3 root's host. */
export function startKeystone(env: Record<string, string> = {}): Promise<Omit<RunningOracle, 'name' | 'fixtures'>> {
  return startServer('keystone', env, 0);
}

async function startServer(
  name: OracleName | 'keystone',
  env: Record<string, string>,
  requestedPort: number,
): Promise<Omit<RunningOracle, 'name' | 'fixtures'>> {
  const script = path.join(ORACLES_DIR, `start-${name}.sh`);
  // `sh script`: no reliance on the shared folder's exec bits; the script execs python, so the
  // child's pid is the server's own and SIGTERM reaches it.
  const child = spawn('/bin/sh', [script, String(requestedPort)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    process.once('exit', killLeftovers);
    exitHookInstalled = true;
  }
  // stderr is drained for the whole life of the server (a full pipe would block it), keeping a tail.
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  const stderrTail = () => tail;

  const port = await awaitPort(name, child, stderrTail);
  // Anything else on stdout is not expected, but must not fill the pipe either.
  child.stdout?.resume();
  const stop = async (): Promise<void> => {
    if (!exited(child)) child.kill('SIGTERM');
    await awaitExit(child);
  };
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid as number, stderrTail, stop };
}
