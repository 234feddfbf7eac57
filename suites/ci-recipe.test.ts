import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { closedPort } from './support/closed-port.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

/**
 * The README's CI recipe, run: its shard and gate commands as the workflow gives them, with
 * `npx conformance` pointing at this checkout and `--runs` lowered so the test stays short,
 * against the embedded mock with a deviation the baseline knows. The gate passes on all three
 * shards, and fails (exit 2) on 2 of 3, or on a shard whose run ended with exit 2.
 */

interface Step {
  run?: string;
  env?: Record<string, string>;
}

interface Workflow {
  jobs: { shard: { strategy: { matrix: { shard: number[] } }; steps: Step[] }; gate: { if?: string; needs: string; steps: Step[] } };
}

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const RECIPE = /<!-- ci-recipe:start -->\n```yaml\n([\s\S]*?)```\n<!-- ci-recipe:end -->/.exec(README)?.[1] ?? '';
const BASELINE_COMMAND = /^ {4}(npx conformance baseline shards\/results-\*\.json.*)$/m.exec(README)?.[1] ?? '';
const ENTRY = path.join(PROJECT_ROOT, 'bin', 'conformance.js');
const KNOWN_FAULT = 'lbaas-accepts-timeout-not-below-delay';
const TEST_RUNS = '2';

/** A step's shell commands as the job runs them here: this checkout's CLI, fewer runs, the matrix value. */
function commandsOf(step: Step, shard?: number): string {
  return (step.run ?? '')
    .replaceAll('${{ matrix.shard }}', String(shard ?? ''))
    .replaceAll('npx conformance', `"${process.execPath}" "${ENTRY}"`)
    .replace(/--runs \d+/g, `--runs ${TEST_RUNS}`);
}

/** The steps with commands of our own (npm ci is the checkout's install, done already). */
function ownSteps(steps: Step[]): Step[] {
  return steps.filter((step) => step.run && step.run.trim() !== 'npm ci');
}

async function bash(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; output: string }> {
  const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, output };
}

describe('the README’s CI recipe, run against the embedded mock', () => {
  const workflow = parse(RECIPE) as Workflow;
  const root = mkdtempSync(path.join(tmpdir(), 'ci-recipe-'));
  const shardDir = (name: string) => path.join(root, name);
  const gateDir = path.join(root, 'gate');
  const shardOutcomes = new Map<number, { status: number | null; output: string }>();

  /** One shard job in its own folder, as a runner would; its results "uploaded" to the gate's shards/ folder. */
  async function runShard(shard: number, folder: string, env: NodeJS.ProcessEnv, config: string): Promise<{ status: number | null; output: string }> {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'conformance.json'), config);
    let last = { status: 0 as number | null, output: '' };
    for (const step of ownSteps(workflow.jobs.shard.steps)) {
      last = await bash(commandsOf(step, shard), folder, env);
      if (last.status !== 0) break;
    }
    return last;
  }

  function upload(from: string, shard: number, to: string): void {
    mkdirSync(to, { recursive: true });
    const file = path.join(from, `results-${shard}.json`);
    if (existsSync(file)) copyFileSync(file, path.join(to, `results-${shard}.json`));
  }

  async function runGate(folder: string): Promise<{ status: number | null; output: string }> {
    const [merge] = ownSteps(workflow.jobs.gate.steps);
    return bash(commandsOf(merge as Step), folder);
  }

  beforeAll(async () => {
    const shards = workflow.jobs.shard.strategy.matrix.shard;
    const outcomes = await Promise.all(shards.map((shard) => runShard(shard, shardDir(`shard-${shard}`), { CONFORMANCE_MOCK_FAULTS: KNOWN_FAULT }, '{}')));
    shards.forEach((shard, index) => {
      shardOutcomes.set(shard, outcomes[index] as { status: number | null; output: string });
      upload(shardDir(`shard-${shard}`), shard, path.join(gateDir, 'shards'));
    });
    const made = await bash(`${BASELINE_COMMAND.replace('npx conformance', `"${process.execPath}" "${ENTRY}"`)}`, gateDir);
    expect(made.status, made.output).toBe(0);
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the recipe is a workflow with a 3-shard matrix that does not cancel siblings, and a gate that runs even when a shard failed', () => {
    expect(workflow.jobs.shard.strategy.matrix.shard).toEqual([1, 2, 3]);
    expect(RECIPE).toContain('fail-fast: false');
    expect(workflow.jobs.gate).toMatchObject({ needs: 'shard', if: 'always()' });
    expect(BASELINE_COMMAND).toContain('> conformance-baseline.json');
  });

  it('each shard that found the deviation still passes its job (exit 1 is the gate’s), and leaves its JSON and JUnit', () => {
    for (const [shard, outcome] of shardOutcomes) {
      expect(outcome.status, `shard ${shard}: ${outcome.output}`).toBe(0);
      expect(existsSync(path.join(shardDir(`shard-${shard}`), `junit-${shard}.xml`))).toBe(true);
    }
  });

  it('the gate over every shard, with the baseline made from them, passes and shows the deviation as known', async () => {
    const gate = await runGate(gateDir);
    expect(gate.status, gate.output).toBe(0);
    expect(gate.output).toContain('1 known (broken, as expected): lbaas-healthmonitors/timeout-lt-delay');
    expect(existsSync(path.join(gateDir, 'report.html'))).toBe(true);
    expect(existsSync(path.join(gateDir, 'junit.xml'))).toBe(true);
  });

  it('the gate over 2 of 3 shards fails (exit 2), naming the missing shard', async () => {
    const partial = path.join(root, 'gate-partial');
    mkdirSync(path.join(partial, 'shards'), { recursive: true });
    copyFileSync(path.join(gateDir, 'conformance-baseline.json'), path.join(partial, 'conformance-baseline.json'));
    for (const shard of [1, 3]) upload(shardDir(`shard-${shard}`), shard, path.join(partial, 'shards'));
    const gate = await runGate(partial);
    expect(gate.status).toBe(2);
    expect(gate.output).toMatch(/shard 2\/3 of \S+ is missing/);
  });

  it('a shard whose run ends with exit 2 fails its job, and the gate fails naming why', async () => {
    const port = await closedPort();
    const down = shardDir('shard-2-down');
    mkdirSync(down, { recursive: true });
    const config = readFileSync(writeLiveConfig(down, { target: `http://127.0.0.1:${port}` }), 'utf8');
    const outcome = await runShard(2, down, {}, config);
    expect(outcome.status).not.toBe(0);
    const gateDown = path.join(root, 'gate-down');
    mkdirSync(path.join(gateDown, 'shards'), { recursive: true });
    copyFileSync(path.join(gateDir, 'conformance-baseline.json'), path.join(gateDown, 'conformance-baseline.json'));
    upload(shardDir('shard-1'), 1, path.join(gateDown, 'shards'));
    upload(down, 2, path.join(gateDown, 'shards'));
    upload(shardDir('shard-3'), 3, path.join(gateDown, 'shards'));
    const gate = await runGate(gateDown);
    expect(gate.status).toBe(2);
    expect(gate.output).toContain('its run ended with exit 2, before any verdict: cannot reach');
  });
});
