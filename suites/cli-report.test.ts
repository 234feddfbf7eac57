import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceSync as conformance } from './support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-report-'));
const file = (name: string) => path.join(dir, name);
const FAULT = { CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay' };

describe('conformance run --report --junit', () => {
  let run: ReturnType<typeof conformance>;
  beforeAll(() => {
    run = conformance(
      [
        'run',
        '--api',
        'lbaas-healthmonitors',
        '--seed',
        '4',
        '--runs',
        '2',
        '--json',
        file('lbaas.json'),
        '--report',
        file('out/lbaas.html'),
        '--junit',
        file('out/lbaas.xml'),
      ],
      FAULT,
    );
  });

  it('writes both reports, creating their folder, and says where', () => {
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`HTML report: ${file('out/lbaas.html')}`);
    expect(run.stdout).toContain(`JUnit XML: ${file('out/lbaas.xml')}`);
    expect(readFileSync(file('out/lbaas.html'), 'utf8')).toContain('lbaas-healthmonitors/timeout-lt-delay');
    expect(readFileSync(file('out/lbaas.xml'), 'utf8')).toMatch(/<testcase name="lbaas-healthmonitors\/timeout-lt-delay"[^>]*>\s*<failure/);
  });

  it('refuses a report it could not write before running anything (exit 2)', () => {
    writeFileSync(file('a-file'), '');
    const { status, stderr } = conformance(['run', '--api', 'lbaas-healthmonitors', '--runs', '1', '--report', file('a-file/report.html')]);
    expect(status).toBe(2);
    expect(stderr).toContain('--report: cannot create the folder');
  });
});

describe('conformance report', () => {
  beforeAll(() => {
    const passing = conformance(['run', '--api', 'orchestration-stacks', '--seed', '4', '--runs', '2', '--json', file('orchestration.json')]);
    expect(passing.status, passing.stdout + passing.stderr).toBe(0);
    const failing = conformance(['run', '--api', 'lbaas-healthmonitors', '--seed', '4', '--runs', '2', '--json', file('lbaas-2.json')], FAULT);
    expect(failing.status).toBe(1);
  });

  it('rebuilds the reports of one passing results file and exits 0', () => {
    const { status, stdout } = conformance(['report', file('orchestration.json'), '--html', file('orchestration.html'), '--junit', file('orchestration.xml')]);
    expect(status, stdout).toBe(0);
    expect(stdout).toContain('orchestration-stacks');
    expect(stdout).toContain(': conformant');
    expect(readFileSync(file('orchestration.html'), 'utf8')).toContain('<strong>CONFORMANT</strong>');
    expect(readFileSync(file('orchestration.xml'), 'utf8')).toContain('<testsuite name="orchestration-stacks"');
  });

  it('merges several results files into one report and exits 1 when one of them broke a requirement', () => {
    const { status, stdout } = conformance([
      'report',
      file('orchestration.json'),
      file('lbaas-2.json'),
      '--html',
      file('merged.html'),
      '--junit',
      file('merged.xml'),
    ]);
    expect(status, stdout).toBe(1);
    expect(stdout).toMatch(/cases from 2 result files: NOT conformant/);
    const html = readFileSync(file('merged.html'), 'utf8');
    expect(html).toContain('<strong>NOT CONFORMANT</strong>');
    expect(html).toContain('id="req-lbaas-healthmonitors/timeout-lt-delay"');
    const junit = readFileSync(file('merged.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="orchestration-stacks"');
    expect(junit).toContain('<testsuite name="lbaas-healthmonitors"');
  });

  it.each([
    [[], 'name at least one results file'],
    // The inputs are checked first: a missing results file is named before the missing outputs.
    [['results.json'], 'results.json: cannot read the results file: no such file'],
    [['--html', 'x.html', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with a clear message on a usage error (%j)', (args, message) => {
    const { status, stderr } = conformance(['report', ...args]);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('with no report asked for, gives the verdict and the exit code alone (a CI gate)', () => {
    const { status, stdout } = conformance(['report', file('orchestration.json')]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}✓ orchestration-stacks /m);
    expect(stdout).toContain('from 1 result file: conformant');
    expect(stdout).not.toContain('HTML report');
  });

  it('exits 2 naming the file (and the line) of a missing or broken results file', () => {
    const missing = conformance(['report', file('nope.json'), '--html', file('x.html')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${file('nope.json')}: cannot read the results file: no such file`);
    const lines = readFileSync(file('orchestration.json'), 'utf8').split('\n');
    lines[1] = '{"caseId": 12},';
    writeFileSync(file('broken.json'), lines.join('\n'));
    const broken = conformance(['report', file('broken.json'), '--html', file('x.html')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`${file('broken.json')}, line 2`);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
