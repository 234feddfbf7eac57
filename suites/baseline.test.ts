import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';
import { applyBaseline } from '../reports/baseline-judgement.ts';
import { BaselineError } from '../engine/errors.ts';
import { loadBaseline, type Baseline } from '../engine/run/baseline.ts';
import type { RequirementReport } from '../reports/report-model.ts';

/**
 * Known deviations as data: `conformance baseline` records a run's failing requirements, and a
 * run with `--baseline` passes on them (known), fails on anything new, says which entries are
 * fixed (failing only with --strict-baseline) and fails on an expired entry.
 */

const TODAY = new Date('2026-06-15T12:00:00Z');

function row(id: string, verdict: RequirementReport['verdict'], failing: boolean): RequirementReport {
  return {
    api: 'lbaas-healthmonitors',
    id,
    level: 'explicit',
    kind: 'rule',
    section: 'Request',
    quote: 'q',
    statusOnBreak: [400],
    verdict,
    failing,
    positiveCases: 1,
    negativeCases: 1,
    failedCases: failing ? 1 : 0,
    durationMs: 1,
    counterexamples: [],
    moreFailures: 0,
    breakingCases: 1,
    coverage: 'both ways',
  };
}

function baseline(entries: Baseline['entries'], strict = false): Baseline {
  return { file: 'baseline.json', entries, strict };
}

describe('what a baseline entry makes of a verdict', () => {
  const rows = [row('a/broken', 'broken', true), row('a/held', 'held', false), row('a/not-run', 'not-run', false), row('a/new', 'broken', true)];

  it('known when broken (not failing), fixed when held, unproven when not run; an unbaselined break stays failing', () => {
    const judged = applyBaseline(
      rows,
      baseline([
        { requirement: 'a/broken', reason: 'r' },
        { requirement: 'a/held', reason: 'r' },
        { requirement: 'a/not-run', reason: 'r' },
      ]),
      [],
      TODAY,
    );
    expect(judged.map((item) => [item.id, item.baseline?.status, item.failing])).toEqual([
      ['a/broken', 'known', false],
      ['a/held', 'fixed', false],
      ['a/not-run', 'unproven', false],
      ['a/new', undefined, true],
    ]);
  });

  it('a fixed entry fails with --strict-baseline', () => {
    const [held] = applyBaseline([row('a/held', 'held', false)], baseline([{ requirement: 'a/held', reason: 'r' }], true), [], TODAY);
    expect(held).toMatchObject({ failing: true, baseline: { status: 'fixed' } });
  });

  it('an entry fails from its expiry day on, whatever the verdict; the day before, it holds', () => {
    const entries = [
      { requirement: 'a/broken', reason: 'r', expires: '2026-06-15' },
      { requirement: 'a/held', reason: 'r', expires: '2026-06-16' },
    ];
    const judged = applyBaseline(rows.slice(0, 2), baseline(entries), [], TODAY);
    expect(judged.map((item) => [item.baseline?.status, item.failing])).toEqual([
      ['expired', true],
      ['fixed', false],
    ]);
  });

  it('an entry for another target does not apply; one for this target (label or URL) does', () => {
    const entries = [{ requirement: 'a/broken', reason: 'r', target: 'staging' }];
    expect(applyBaseline(rows.slice(0, 1), baseline(entries), ['http://127.0.0.1:1', 'production'], TODAY)[0]?.failing).toBe(true);
    expect(applyBaseline(rows.slice(0, 1), baseline(entries), ['http://127.0.0.1:1', 'staging'], TODAY)[0]?.baseline?.status).toBe('known');
  });
});

describe('a baseline file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'baseline-file-'));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const known = new Set(['lbaas-healthmonitors/timeout-lt-delay']);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('naming a requirement the specs do not hold is refused (a typo would excuse nothing, silently)', () => {
    const file = write('typo.json', { baselineVersion: 1, entries: [{ requirement: 'lbaas-healthmonitors/timeout-lt-dealy', reason: 'r' }] });
    expect(() => loadBaseline(file, known, false)).toThrow(/names requirements the specs do not hold: lbaas-healthmonitors\/timeout-lt-dealy/);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['no reason', { baselineVersion: 1, entries: [{ requirement: 'lbaas-healthmonitors/timeout-lt-delay' }] }, /must have required property 'reason'/],
    [
      'a date that is no date',
      { baselineVersion: 1, entries: [{ requirement: 'lbaas-healthmonitors/timeout-lt-delay', reason: 'r', expires: 'soon' }] },
      /must match format "date"/,
    ],
  ])('%s: a clear error', (name, value, message) => {
    const file = write(`${name}.json`, value);
    expect(() => loadBaseline(file, known, false)).toThrow(BaselineError);
    expect(() => loadBaseline(file, known, false)).toThrow(message);
  });
});

describe('conformance baseline, then run --baseline, against the mock with a known deviation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'baseline-cli-'));
  const file = (name: string) => path.join(dir, name);
  const LBAAS = ['--api', 'lbaas-healthmonitors', '--runs', '3'];
  const KNOWN = 'lbaas-accepts-timeout-not-below-delay';
  const NEW = 'lbaas-accepts-max-retries-out-of-range';
  let recorded: CliRun;
  let made: CliRun;

  beforeAll(async () => {
    recorded = await conformanceAsync(['run', ...LBAAS, '--seed', '1', '--json', file('recorded.json')], { CONFORMANCE_MOCK_FAULTS: KNOWN });
    made = await conformanceAsync(['baseline', file('recorded.json'), '--link', 'https://bugs.example.org/42', '--expires', '2999-01-01']);
    writeFileSync(file('baseline.json'), made.stdout);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one entry per failing requirement, with the link and expiry given', () => {
    expect(recorded.status).toBe(1);
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({
      baselineVersion: 1,
      entries: [
        {
          requirement: 'lbaas-healthmonitors/timeout-lt-delay',
          reason: expect.stringContaining('expected 400, got 201') as unknown,
          link: 'https://bugs.example.org/42',
          expires: '2999-01-01',
        },
      ],
    });
  });

  it('the known deviation, again (another seed): exit 0, shown as known in console, JUnit and HTML', async () => {
    const run = await conformanceAsync(
      ['run', ...LBAAS, '--seed', '2', '--baseline', file('baseline.json'), '--junit', file('known.xml'), '--report', file('known.html')],
      { CONFORMANCE_MOCK_FAULTS: KNOWN },
    );
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('Baseline');
    expect(run.stdout).toContain('0 new');
    expect(run.stdout).toContain('1 known (broken, as expected): lbaas-healthmonitors/timeout-lt-delay');
    expect(run.stdout).toMatch(/^≈ lbaas-healthmonitors\/timeout-lt-delay broken, a known deviation/m);
    const junit = readFileSync(file('known.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="lbaas-healthmonitors" tests="\d+" failures="0"/);
    expect(junit).toContain('KNOWN DEVIATION');
    const page = readFileSync(file('known.html'), 'utf8');
    expect(page).toContain('conformant with known deviations');
    expect(page).toMatch(/<li data-baseline="known"><a href="#req-lbaas-healthmonitors\/timeout-lt-delay">/);
  });

  it('a new deviation beside the known one: exit 1, naming only the new one as new', async () => {
    const run = await conformanceAsync(['run', ...LBAAS, '--seed', '2', '--baseline', file('baseline.json')], { CONFORMANCE_MOCK_FAULTS: `${KNOWN},${NEW}` });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Baseline \S+: 1 new: lbaas-healthmonitors\/max-retries-range/);
    expect(run.stdout).toContain('1 known (broken, as expected): lbaas-healthmonitors/timeout-lt-delay');
  });

  it('a fixed deviation: shown as fixed (remove from baseline), exit 0; exit 1 with --strict-baseline', async () => {
    const run = await conformanceAsync(['run', ...LBAAS, '--seed', '2', '--baseline', file('baseline.json'), '--junit', file('fixed.xml')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 fixed (remove from baseline): lbaas-healthmonitors/timeout-lt-delay');
    expect(readFileSync(file('fixed.xml'), 'utf8')).toContain('FIXED: remove from baseline');
    const strict = await conformanceAsync(['run', ...LBAAS, '--seed', '2', '--baseline', file('baseline.json'), '--strict-baseline']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('fails with --strict-baseline');
  });

  it('an expired entry fails the gate even though the deviation is the known one', async () => {
    const expired = JSON.parse(made.stdout) as { entries: { expires?: string }[] };
    for (const entry of expired.entries) entry.expires = '2000-01-01';
    writeFileSync(file('expired.json'), JSON.stringify(expired));
    const run = await conformanceAsync(['run', ...LBAAS, '--seed', '2', '--baseline', file('expired.json')], { CONFORMANCE_MOCK_FAULTS: KNOWN });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('1 expired (fails: fix the target or renew the entry): lbaas-healthmonitors/timeout-lt-delay');
  });

  it('report --baseline judges merged results the same way', async () => {
    const merged = await conformanceAsync(['report', file('recorded.json'), '--baseline', file('baseline.json')]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toContain('1 known (broken, as expected)');
  });

  it('--strict-baseline without --baseline is a usage error', async () => {
    const run = await conformanceAsync(['run', ...LBAAS, '--strict-baseline']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--strict-baseline needs --baseline FILE');
  });
});
