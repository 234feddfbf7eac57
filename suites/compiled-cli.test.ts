// bin/conformance.js runs dist/ (npm run build) only while it was built from the sources as they
// are; else the sources through tsx. The rule is tried on a small project of the test's own (a
// source entry and a compiled one that say which ran), then the real dist/ is run, when fresh.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIsFresh, SHIPPED_FOLDERS, sourceState, writeStamp } from '../bin/dist-freshness.js';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { suiteVersion } from '../engine/suite-version.ts';
import { collected, conformanceAsync, type CliRun } from './support/cli-process.ts';

const entry = (which: string) => `export async function main() { process.stdout.write('${which}\\n'); return 0; }\n`;

let root: string;
const file = (relative: string) => path.join(root, relative);

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(file(relative)), { recursive: true });
  writeFileSync(file(relative), text);
}

/** Which entry bin/conformance.js ran: `dist` or `sources`. */
function ran(): string {
  const result = spawnSync(process.execPath, [file('bin/conformance.js')], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

/** Stamps dist/ as built now, then waits past the file system's coarse clock, so a change made next is seen as later. */
async function built(): Promise<void> {
  const state = sourceState(root);
  writeStamp(root, state);
  while (Date.now() < state.latestChange + 30) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'compiled-cli-'));
  for (const name of ['conformance.js', 'dist-freshness.js']) {
    mkdirSync(file('bin'), { recursive: true });
    copyFileSync(path.join(PROJECT_ROOT, 'bin', name), file(`bin/${name}`));
  }
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), file('node_modules'), 'dir');
  write('package.json', '{ "type": "module" }\n');
  write('tsconfig.json', '{}\n');
  write('tsconfig.build.json', '{}\n');
  for (const folder of SHIPPED_FOLDERS) write(`${folder}/module.ts`, 'export {};\n');
  write('cli/main.ts', entry('sources'));
  write('apis/toy/spec.yaml', 'openapi: 3.1.0\n');
  write('dist/cli/main.js', entry('dist'));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('which entry bin/conformance.js runs', () => {
  it('runs dist/ once built, and the sources through tsx once a source is edited', async () => {
    await built();
    expect(ran()).toBe('dist');
    appendFileSync(file('engine/module.ts'), '// edited\n');
    expect(ran()).toBe('sources');
  });

  it('runs the sources when dist/ was never stamped (a build that failed or is still running)', async () => {
    await built();
    unlinkSync(file('dist/build-stamp.json'));
    expect(ran()).toBe('sources');
  });

  it('counts a data file, package.json, a file added, removed or renamed, and a file given back its old time', async () => {
    const changes: [string, () => void][] = [
      ['a spec edited', () => appendFileSync(file('apis/toy/spec.yaml'), '# edited\n')],
      ['package.json edited', () => appendFileSync(file('package.json'), '\n')],
      ['a file added', () => write('runner/added.ts', 'export {};\n')],
      ['a file removed', () => unlinkSync(file('runner/added.ts'))],
      ['a file renamed', () => renameSync(file('mock/module.ts'), file('mock/renamed.ts'))],
      [
        'a file edited, its old mtime set back (cp -p)',
        () => {
          appendFileSync(file('reports/module.ts'), '// edited\n');
          utimesSync(file('reports/module.ts'), new Date(2000, 0, 1), new Date(2000, 0, 1));
        },
      ],
    ];
    for (const [change, make] of changes) {
      await built();
      make();
      expect(distIsFresh(root), change).toBe(false);
    }
  });

  it('ignores what .gitignore keeps out of the shipped folders: generated reports, logs', async () => {
    await built();
    write('reports/output/report.html', '<html></html>\n');
    write('runner/debug.log', 'a log\n');
    expect(distIsFresh(root)).toBe(true);
  });
});

describe('the build', () => {
  it('compiles the folders the freshness check watches, no others', () => {
    const config = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect([...config.include].sort()).toEqual([...SHIPPED_FOLDERS].sort());
  });

  /** tools/build.mjs run in the toy project as npm runs it for `event`: its exit status and what it said. */
  function build(event: 'prepare' | 'build'): { status: number | null; stderr: string } {
    mkdirSync(file('tools'), { recursive: true });
    for (const tool of ['build.mjs', 'bundle-plan-worker.mjs']) copyFileSync(path.join(PROJECT_ROOT, 'tools', tool), file(`tools/${tool}`));
    const result = spawnSync(process.execPath, [file('tools/build.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_lifecycle_event: event } });
    return { status: result.status, stderr: result.stderr };
  }

  it("as npm's prepare step (npm ci, the first npx of the project), compiles nothing while dist/ is fresh", async () => {
    await built();
    const { status, stderr } = build('prepare');
    expect(status).toBe(0);
    expect(stderr).toContain('dist/ is fresh');
    expect(readFileSync(file('dist/cli/main.js'), 'utf8')).toBe(entry('dist'));
    expect(distIsFresh(root)).toBe(true);
  });

  it("as npm's prepare step, compiles a stale dist/ again; npm run build compiles a fresh one too", async () => {
    for (const [event, stale] of [
      ['prepare', true],
      ['build', false],
    ] as const) {
      write('dist/cli/main.js', entry('dist'));
      await built();
      if (stale) appendFileSync(file('engine/module.ts'), '// edited\n');
      const { stderr } = build(event);
      // The toy's tsconfig.build.json compiles nothing into dist/: a build that ran removed the old one.
      expect(stderr, event).not.toContain('dist/ is fresh');
      expect(existsSync(file('dist/cli/main.js')), event).toBe(false);
    }
  });
});

/** `conformance ARGS` on the TypeScript sources through tsx, whatever dist/ holds. */
async function fromSources(args: string[]): Promise<CliRun> {
  const main = pathToFileURL(path.join(PROJECT_ROOT, 'cli', 'main.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collected(child);
}

interface ResultsLines {
  run: { plans: Record<string, string> };
  results: { caseId: string; expectedStatuses: number[]; response?: { status: number }; checks: { check: string; requirementId: string; passed: boolean }[] }[];
  summary: { exitCode: number; verdicts: unknown[] };
}

/** What a run decided, without what differs from run to run (times, the mock's port, the ids it made up). */
function decisions(file: string) {
  const { run, results, summary } = JSON.parse(readFileSync(file, 'utf8')) as ResultsLines;
  const cases = results
    .map((result) => ({
      caseId: result.caseId,
      expected: result.expectedStatuses,
      status: result.response?.status,
      checks: result.checks.map((check) => [check.check, check.requirementId, check.passed]),
    }))
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
  return { plans: run.plans, cases, exitCode: summary.exitCode, verdicts: summary.verdicts };
}

// npm ci builds dist/ (the prepare step), so CI runs every CLI test on the compiled modules.
describe.runIf(process.env.CI)('after npm ci', () => {
  it('dist/ is built and fresh', () => {
    expect(distIsFresh(PROJECT_ROOT), 'dist/ is stale or missing: npm run build').toBe(true);
  });
});

describe.runIf(distIsFresh(PROJECT_ROOT))('the compiled CLI (dist/)', () => {
  it('prints the version, and nothing on stderr (no warning of Node’s)', async () => {
    const { status, stdout, stderr } = await conformanceAsync(['--version']);
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: `${suiteVersion()}\n`, stderr: '' });
  });

  it('plans, sends and judges a run as the sources do', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'compiled-run-'));
    try {
      const args = (file: string) => ['run', '--api', 'lbaas-healthmonitors', '--runs', '1', '--seed', '1', '--json', path.join(out, file)];
      const [compiled, sources] = await Promise.all([conformanceAsync(args('compiled.json')), fromSources(args('sources.json'))]);
      expect(compiled.status, compiled.stderr).toBe(0);
      expect(sources.status, sources.stderr).toBe(0);
      expect(compiled.stderr).not.toMatch(/warning/i);
      expect(decisions(path.join(out, 'compiled.json'))).toEqual(decisions(path.join(out, 'sources.json')));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
