// A sixth API needs only its folder and one line of the registry (docs/adding-an-api.md). The test
// proves it on a copy of the project: it adds the toy API of suites/fixtures/sixth-api/ there,
// and the suite plans, sends, judges and reports it against the embedded mock, catches the toy's
// fault, and runs the per-API tests over it. The copy is the test's own: nothing of the real
// five is touched. An incomplete folder stops every command, naming the missing file.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDirectory } from '../engine/api-name.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'suites', 'fixtures', 'sixth-api');
const TOY = 'toy-widgets';
const REGISTRY_LINE = `  (await import('./${TOY}/definition.ts')).definition,`;

/** What the copy leaves out: installed and generated things, scratch folders and the VCS. */
function copied(source: string): boolean {
  const relative = path.relative(PROJECT_ROOT, source);
  const top = relative.split(path.sep)[0] ?? '';
  return !['node_modules', '.git'].includes(top) && !top.startsWith('.scratch') && !relative.startsWith(path.join('reports', 'output'));
}

/** The registry with one line added after the last registered API. */
function registryWithToy(registry: string): string {
  const lines = registry.split('\n');
  const registered = lines.map((line, index) => (line.includes("(await import('./") ? index : -1)).filter((index) => index >= 0);
  lines.splice((registered.at(-1) ?? lines.length - 1) + 1, 0, REGISTRY_LINE);
  return lines.join('\n');
}

interface Results {
  results: { api: string; requirementId: string; polarity: string }[];
  summary: { exitCode: number; verdicts: { api: string; requirementId: string; verdict: string }[] };
}

let root: string;
let seeds: string;
const toyEnvironment = (): NodeJS.ProcessEnv => ({ CONFORMANCE_SEEDS: seeds });
const run = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliRun> => conformanceAsync(args, { ...toyEnvironment(), ...extra }, root);

beforeAll(() => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'sixth-api-'));
  root = path.join(scratch, 'project');
  cpSync(PROJECT_ROOT, root, { recursive: true, filter: copied });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  cpSync(path.join(FIXTURE, TOY), path.join(root, 'apis', TOY), { recursive: true });
  const registry = path.join(root, 'apis', 'registry.ts');
  writeFileSync(registry, registryWithToy(readFileSync(registry, 'utf8')));
  // The toy's document is a seed like the five: beside them, in a seeds folder of the test's own.
  seeds = path.join(scratch, 'seeds');
  mkdirSync(seeds);
  for (const name of readdirSync(seedsDirectory())) symlinkSync(path.join(seedsDirectory(), name), path.join(seeds, name));
  cpSync(path.join(FIXTURE, 'seed', 'toy-create-widget.txt'), path.join(seeds, 'toy-create-widget.txt'));
});

afterAll(() => {
  if (root) rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('a sixth API: its folder and one registry line', () => {
  it('changes one line of the registry and adds one folder, nothing else of the project', () => {
    const before = readFileSync(path.join(PROJECT_ROOT, 'apis', 'registry.ts'), 'utf8').split('\n');
    const after = readFileSync(path.join(root, 'apis', 'registry.ts'), 'utf8').split('\n');
    expect(after.filter((line) => !before.includes(line))).toEqual([REGISTRY_LINE]);
    expect(before.filter((line) => !after.includes(line))).toEqual([]);
    expect(existsSync(path.join(PROJECT_ROOT, 'apis', TOY))).toBe(false);
  });

  it('is listed with the five by specs, its requirements read from its spec', async () => {
    const { status, stdout, stderr } = await run(['specs', '--json']);
    expect(status, stderr).toBe(0);
    const apis = JSON.parse(stdout) as { api: string; requirements: unknown[] }[];
    expect(apis.map((api) => api.api)).toEqual([
      'cloud-databases-ha',
      'lbaas-healthmonitors',
      'cloudbasic-cluster',
      'compute-servers',
      'orchestration-stacks',
      TOY,
    ]);
    expect(apis.find((api) => api.api === TOY)?.requirements).toHaveLength(13);
  });

  it('runs end to end against the embedded mock: every requirement planned and held, the JSON, JUnit and HTML written', async () => {
    const out = path.join(path.dirname(root), 'out');
    const { status, stdout, stderr } = await run([
      'run',
      '--api',
      TOY,
      '--seed',
      '1',
      '--runs',
      '5',
      '--json',
      `${out}.json`,
      '--junit',
      `${out}.xml`,
      '--report',
      `${out}.html`,
    ]);
    expect(status, `${stdout}\n${stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Results;
    expect(new Set(results.results.map((result) => result.api))).toEqual(new Set([TOY]));
    const verdicts = Object.fromEntries(results.summary.verdicts.map((verdict) => [verdict.requirementId, verdict.verdict]));
    // Not run, for the reasons the five give: the credential header is sent by every valid case and
    // broken only with the authentication; a path value is text whatever it holds.
    expect(verdicts).toEqual({
      'toy-widgets/auth-token-valid': 'held',
      'toy-widgets/auth-token-is-string': 'not-run',
      'toy-widgets/shelf-id-is-string': 'not-run',
      'toy-widgets/widget-required': 'held',
      'toy-widgets/name-required': 'held',
      'toy-widgets/name-length': 'held',
      'toy-widgets/size-required': 'held',
      'toy-widgets/size-range': 'held',
      'toy-widgets/parts-are-counts': 'held',
      'toy-widgets/min-parts-le-max-parts': 'held',
      'toy-widgets/shelf-exists': 'held',
      'toy-widgets/response-status-created': 'held',
      'toy-widgets/response-has-id': 'held',
    });
    expect(results.results.some((result) => result.requirementId === 'toy-widgets/min-parts-le-max-parts' && result.polarity === 'negative')).toBe(true);
    expect(readFileSync(`${out}.xml`, 'utf8')).toContain('toy-widgets/min-parts-le-max-parts');
    expect(readFileSync(`${out}.html`, 'utf8')).toContain('It must not exceed max_parts.');
  });

  it('catches its own fault, naming the requirement it breaks (exit 1)', async () => {
    const { status, stdout } = await run(['run', '--api', TOY, '--seed', '1', '--runs', '5'], {
      CONFORMANCE_MOCK_FAULTS: 'toy-accepts-min-parts-above-max-parts',
    });
    expect(status).toBe(1);
    expect(stdout).toContain('toy-widgets/min-parts-le-max-parts');
  });

  it('is covered by the per-API tests, which read the registry: spec self-checks against its document, case tables (replayed on the mock too), faults', async () => {
    const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const files = [
      'suites/spec-self-checks.test.ts',
      'suites/case-table-schema.test.ts',
      'suites/fault-catalogue.test.ts',
      'suites/rule-evaluator.test.ts',
      'suites/violation-cases.test.ts',
      'suites/mock-case-tables.test.ts',
    ];
    const child = spawn(process.execPath, [vitest, 'run', ...files, '-t', TOY], {
      cwd: root,
      env: { ...process.env, ...toyEnvironment(), CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [status] = (await once(child, 'close')) as [number | null];
    expect(status, output).toBe(0);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/Tests\s+0 passed/);
  }, 180_000);

  it('stops every command when its folder lacks a data file, naming it (exit 2)', async () => {
    const faults = path.join(root, 'apis', TOY, 'faults.yaml');
    renameSync(faults, `${faults}.away`);
    try {
      const { status, stderr } = await run(['run', '--api', 'orchestration-stacks', '--runs', '1']);
      expect(status).toBe(2);
      expect(stderr).toContain(`apis/${TOY}/faults.yaml is missing`);
      expect(stderr).toContain('docs/adding-an-api.md');
    } finally {
      renameSync(`${faults}.away`, faults);
    }
  });
});
