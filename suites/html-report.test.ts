import { describe, expect, it } from 'vitest';
import { loadSpec } from '../apis/api-specs.ts';
import { ReportAccumulator } from '../reports/report-accumulator.ts';
import { htmlReport } from '../reports/html-report.ts';
import { junitXml } from '../reports/junit-report.ts';
import type { CaseResult } from '../engine/run/run-model.ts';

const REQUIREMENT = 'lbaas-healthmonitors/response-body-fields';

/** A valid request answered 201 with 50 MB of invalid UTF-8, of which the suite read 1 MiB. */
function hugeInvalidAnswer(): CaseResult {
  return {
    caseId: 'lbaas-healthmonitors/response-status-created#positive-1',
    api: 'lbaas-healthmonitors',
    requirementId: 'lbaas-healthmonitors/response-status-created',
    polarity: 'positive',
    origin: 'boundary',
    description: 'the base request from the fixtures',
    request: { method: 'POST', path: {}, header: {}, body: { healthmonitor: { delay: 5 } } },
    url: 'http://127.0.0.1:1/v2.0/lbaas/healthmonitors',
    expectedStatuses: [201],
    response: {
      status: 201,
      headers: { 'content-type': 'application/json' },
      bodyExcerpt: '{"healthmonitor": \uFFFD\uFFFD',
      bodyTruncated: true,
      bodyCutAt: 1048576,
      bodyInvalidUtf8: true,
    },
    durationMs: 40,
    checks: [{ check: 'response_schema_conformance', requirementId: REQUIREMENT, passed: false, message: 'the body is not JSON the suite could check' }],
    passed: false,
    curl: "curl -i -X POST 'http://127.0.0.1:1/v2.0/lbaas/healthmonitors'",
  };
}

describe('what a report says of a body the suite did not read whole', () => {
  it('says the body was cut at the bytes read and was not valid UTF-8, in the HTML and the JUnit XML', async () => {
    const accumulator = new ReportAccumulator([await loadSpec('lbaas-healthmonitors')]);
    accumulator.add(hugeInvalidAnswer());
    const model = accumulator.build({
      suiteVersion: '0',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      targets: ['http://127.0.0.1:1'],
      seeds: [1],
      runs: [0],
      strict: true,
      complete: true,
      notSent: {},
      sources: [],
    });
    expect(model.requirements.find((row) => row.id === REQUIREMENT)?.verdict).toBe('broken');
    const html = htmlReport(model);
    expect(html).toContain('the suite read only the first 1048576 bytes of a longer body');
    expect(html).toContain('the body is not valid UTF-8 (shown with U+FFFD)');
    const junit = junitXml(model);
    expect(junit).toContain('(the suite read only the first 1048576 bytes of a longer body)');
    expect(junit).toContain('(the body is not valid UTF-8)');
  });
});
