import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ApiName } from '../engine/api-name.ts';
import type { ApiReport, CaseExample, ReportModel, ReportRun, RequirementReport } from '../reports/report-model.ts';
import { codeBlock, overallVerdict, stepSummaryMarkdown, tableCell } from '../reports/step-summary.ts';
import { appendJobSummary } from '../cli/job-summary.ts';
import { conformanceSync as conformance } from './support/cli-process.ts';

const LBAAS: ApiName = 'lbaas-healthmonitors';
const BROKEN_ID = 'lbaas-healthmonitors/timeout-lt-delay';

function counterexample(overrides: Partial<CaseExample> = {}): CaseExample {
  return {
    caseId: `${BROKEN_ID}#negative-1`,
    description: 'timeout equal to delay',
    polarity: 'negative',
    method: 'POST',
    url: 'http://127.0.0.1:8080/v2.0/lbaas/healthmonitors',
    requestHeaders: { 'x-auth-token': '[redacted]' },
    expectedStatuses: [400],
    response: { status: 201, headers: {}, bodyExcerpt: '{}', bodyTruncated: false },
    failedChecks: [{ check: 'status_conformance', requirementId: BROKEN_ID, message: 'expected 400, got 201' }],
    curl: `curl -i -X POST 'http://127.0.0.1:8080/v2.0/lbaas/healthmonitors' -H "X-Auth-Token: $CONFORMANCE_AUTH_TOKEN" --data-binary '{}'`,
    durationMs: 3,
    ...overrides,
  };
}

function requirement(overrides: Partial<RequirementReport> = {}): RequirementReport {
  return {
    api: LBAAS,
    id: BROKEN_ID,
    level: 'explicit',
    kind: 'rule',
    section: 'Request',
    quote: 'This value must be less than the ``delay`` value.',
    statusOnBreak: [400],
    verdict: 'broken',
    failing: true,
    positiveCases: 2,
    negativeCases: 3,
    failedCases: 1,
    durationMs: 10,
    counterexamples: [counterexample()],
    moreFailures: 0,
    breakingCases: 1,
    coverage: 'both ways',
    ...overrides,
  };
}

function apiReport(overrides: Partial<ApiReport> = {}): ApiReport {
  return {
    api: LBAAS,
    operation: 'POST /v2.0/lbaas/healthmonitors',
    document: 'lbaas-v2-create-healthmonitor.rst',
    verdict: 'not conformant',
    held: 29,
    broken: 1,
    warned: 0,
    known: 0,
    notRun: 3,
    cases: 87,
    failedCases: 1,
    created: 0,
    unexpectedlyCreated: { count: 0, caseIds: [] },
    observedStatuses: [],
    expectedTogether: [],
    responseCodes: [],
    samplePasses: [],
    ...overrides,
  };
}

function model(overrides: { run?: Partial<ReportRun>; api?: Partial<ApiReport>; requirements?: RequirementReport[] } = {}): ReportModel {
  return {
    run: {
      suiteVersion: '0.1.0',
      startedAt: '2025-01-02T03:04:05.000Z',
      finishedAt: '2025-01-02T03:04:07.000Z',
      durationMs: 2000,
      targets: ['http://127.0.0.1:8080'],
      seeds: [1],
      runs: [3],
      strict: false,
      complete: true,
      exitCode: 1,
      cases: 87,
      failedCases: 1,
      sources: [],
      notSent: {},
      ...overrides.run,
    },
    apis: [apiReport(overrides.api)],
    requirements: overrides.requirements ?? [requirement()],
    errata: [],
    warnings: [],
  };
}

/** The pipes that separate cells: those not escaped with a backslash. */
function cellSeparators(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length;
}

describe('the GitHub job summary (Markdown of the report model)', () => {
  it('gives the verdict, the per-API table, the broken requirement with its quote and curl, and how to rerun it', () => {
    const markdown = stepSummaryMarkdown(model());
    expect(markdown).toContain('## API conformance: ❌ NOT CONFORMANT');
    expect(markdown).toContain('| API | Verdict | Held | Broken | Warned (inferred) | Not run | Cases | Failed cases |');
    expect(markdown).toContain('| lbaas-healthmonitors | not conformant | 29 | 1 | 0 | 3 | 87 | 1 |');
    expect(markdown).toContain(`#### \`${BROKEN_ID}\` (explicit: fails the run)`);
    expect(markdown).toContain('> This value must be less than the \\`\\`delay\\`\\` value.');
    expect(markdown).toContain(`\`\`\`sh\n${counterexample().curl}\n\`\`\``);
    expect(markdown).toContain('npx conformance run --seed 1 --runs 3 --api lbaas-healthmonitors\n');
  });

  it('says CONFORMANT, or INCOMPLETE when nothing broke but cases went unsent; a break found is NOT CONFORMANT either way', () => {
    const held = [requirement({ verdict: 'held', failing: false, counterexamples: [] })];
    expect(overallVerdict(model({ requirements: held, run: { exitCode: 0 } }))).toBe('CONFORMANT');
    expect(overallVerdict(model({ requirements: held, run: { complete: false } }))).toBe('INCOMPLETE');
    expect(overallVerdict(model({ run: { complete: false } }))).toBe('NOT CONFORMANT');
    expect(stepSummaryMarkdown(model({ requirements: held, run: { complete: false } }))).toContain('**The run is incomplete**');
  });

  it('keeps a table cell holding a pipe or a line break one cell', () => {
    expect(tableCell('a|b')).toBe('a\\|b');
    expect(tableCell('one\ntwo|')).toBe('one<br>two\\|');
    const markdown = stepSummaryMarkdown(model({ api: { api: 'evil|api\nname' as ApiName, verdict: 'not conformant' } }));
    const row = markdown.split('\n').find((line) => line.startsWith('| evil'));
    expect(row).toBe('| evil\\|api<br>name | not conformant | 29 | 1 | 0 | 3 | 87 | 1 |');
    expect(cellSeparators(row as string)).toBe(9);
  });

  it('fences a curl with more backticks than any run inside it, so nothing in it closes the block', () => {
    const curl = 'curl --data-binary \'{"name":"```` ``` `"}\'';
    expect(codeBlock(curl, 'sh')).toBe(`\`\`\`\`\`sh\n${curl}\n\`\`\`\`\``);
    expect(stepSummaryMarkdown(model({ requirements: [requirement({ counterexamples: [counterexample({ curl })] })] }))).toContain(
      `\`\`\`\`\`sh\n${curl}\n\`\`\`\`\``,
    );
  });

  it('shows markup from a document or a target as text', () => {
    const markdown = stepSummaryMarkdown(
      model({
        requirements: [
          requirement({
            quote: '- <script>alert(1)</script> *bold* [link](http://x) &amp;',
            counterexamples: [counterexample({ description: '<img src=x onerror=alert(1)>' })],
          }),
        ],
      }),
    );
    expect(markdown).toContain('> \\- \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](http://x) \\&amp;');
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(markdown).not.toMatch(/(?<!\\)<(script|img)/);
  });

  it('stays bounded: beyond 30 broken requirements the rest are named, and a huge curl is left to the HTML report', () => {
    const many = Array.from({ length: 33 }, (_, index) => requirement({ id: `${LBAAS}/rule-${index}` }));
    const markdown = stepSummaryMarkdown(model({ requirements: many }));
    expect(markdown.match(/^#### /gm)).toHaveLength(30);
    expect(markdown).toContain(
      'And 3 more (see the HTML report): `lbaas-healthmonitors/rule-30`, `lbaas-healthmonitors/rule-31`, `lbaas-healthmonitors/rule-32`',
    );
    const huge = stepSummaryMarkdown(
      model({ requirements: [requirement({ counterexamples: [counterexample({ curl: `curl --data '${'x'.repeat(20_000)}'` })] })] }),
    );
    expect(huge).not.toContain('xxxxxxxx');
    expect(huge).toContain('is in the HTML report and the JSON results');
  });
});

describe('GITHUB_STEP_SUMMARY (CLI)', () => {
  it('appends the summary of a run against the faulty mock, and of `conformance report`, after what the file held', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'step-summary-'));
    const summary = path.join(dir, 'summary.md');
    const json = path.join(dir, 'results.json');
    writeFileSync(summary, '# An earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary, CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay' };
    const run = conformance(['run', '--api', 'lbaas-healthmonitors', '--seed', '1', '--runs', '3', '--json', json], env);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`GitHub job summary: ${summary}`);
    const afterRun = readFileSync(summary, 'utf8');
    expect(afterRun.startsWith('# An earlier step\n')).toBe(true);
    expect(afterRun).toContain('NOT CONFORMANT');
    expect(afterRun).toContain(`\`${BROKEN_ID}\``);
    expect(afterRun).toMatch(/```sh\ncurl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/v2\.0\/lbaas\/healthmonitors'/);
    expect(afterRun).toContain('npx conformance run --seed 1 --runs 3 --api lbaas-healthmonitors');
    expect(afterRun).not.toContain('mock-token');

    const report = conformance(['report', json, '--junit', path.join(dir, 'junit.xml')], { GITHUB_STEP_SUMMARY: summary });
    expect(report.status, report.stdout + report.stderr).toBe(1);
    const afterReport = readFileSync(summary, 'utf8');
    expect(afterReport.startsWith(afterRun)).toBe(true);
    expect(afterReport.match(/^## API conformance: ❌ NOT CONFORMANT$/gm)).toHaveLength(2);
  });

  it('says so when the file cannot be written, and does not throw: the run keeps its exit status', () => {
    const unwritable = path.join(mkdtempSync(path.join(tmpdir(), 'step-summary-')), 'no-such-folder', 'summary.md');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => appendJobSummary(model(), unwritable)).not.toThrow();
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining(`conformance: cannot append the job summary to ${unwritable}: ENOENT`));
    } finally {
      stderr.mockRestore();
    }
  });
});
