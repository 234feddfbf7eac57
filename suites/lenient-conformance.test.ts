import { fixturesFor } from './support/api-fixtures.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { planApi } from '../generators/case-planner.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { createJudge } from '../generators/case-oracle.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { runWithReporters, type ReportedRunOutcome } from '../cli/run-with-reporters.ts';
import type { Personality } from '../mock/mock-server.ts';
import { quietRunOptions } from './support/quiet-run-options.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { runChecks } from '../runner/checks.ts';
import type { ObservedResponse, PlannedCase } from '../engine/run/run-model.ts';

/**
 * A second conforming server guards against false alarms the strict mock hides: the suite must
 * pass the lenient mock too (it accepts what the documents leave ambiguous and answers in another
 * character, see suites/mock-lenient.test.ts), without losing any requirement it holds.
 */
const SEED = 7;
const RUNS = 5;

function quietRun(personality: Personality): Promise<ReportedRunOutcome & { output: string }> {
  const options = quietRunOptions({ seed: SEED, runs: RUNS, mockPersonality: personality });
  return runWithReporters(options).then((outcome) => ({ ...outcome, output: options.output.join('') }));
}

const brokenOf = (outcome: ReportedRunOutcome) => outcome.verdicts.filter((verdict) => verdict.verdict === 'broken').map((verdict) => verdict.requirementId);
const heldOf = (outcome: ReportedRunOutcome) =>
  new Set(outcome.verdicts.filter((verdict) => verdict.verdict === 'held').map((verdict) => verdict.requirementId));

describe('the conformance run against both personalities of the embedded mock (--strict, all five APIs)', () => {
  const outcomes = {} as Record<Personality, ReportedRunOutcome & { output: string }>;
  beforeAll(async () => {
    outcomes.strict = await quietRun('strict');
    outcomes.lenient = await quietRun('lenient');
  });

  it('passes the lenient mock: exit 0, no requirement broken', () => {
    expect(brokenOf(outcomes.lenient), outcomes.lenient.output).toEqual([]);
    expect(outcomes.lenient.exitCode).toBe(0);
    expect(outcomes.lenient.complete).toBe(true);
    expect(outcomes.lenient.cases).toBeGreaterThan(100);
  });

  it('still passes the strict mock: exit 0, no requirement broken', () => {
    expect(brokenOf(outcomes.strict), outcomes.strict.output).toEqual([]);
    expect(outcomes.strict.exitCode).toBe(0);
  });

  it('holds every requirement against the lenient mock that it holds against the strict one', () => {
    const strict = heldOf(outcomes.strict);
    const lenient = heldOf(outcomes.lenient);
    const onlyStrict = [...strict].filter((id) => !lenient.has(id));
    const onlyLenient = [...lenient].filter((id) => !strict.has(id));
    expect({ onlyStrict, onlyLenient }).toEqual({ onlyStrict: [], onlyLenient: [] });
    expect(lenient.size).toBeGreaterThanOrEqual(strict.size);
    // Same plan, same number of cases per requirement: the lenient server saw every test.
    expect(outcomes.lenient.cases).toBe(outcomes.strict.cases);
  });
});

describe('the planner sends no value the documents leave ambiguous as a negative case', () => {
  const specs = new Map<string, LoadedSpec>();
  beforeAll(async () => {
    for (const api of API_NAMES) specs.set(api, await loadSpec(api));
  });
  const spec = (api: string) => specs.get(api) as LoadedSpec;
  const judgeOf = (api: string) => createJudge(spec(api), worldFromFixtures(api as (typeof API_NAMES)[number], DEFAULT_CONFIG));

  it.each(API_NAMES)('%s: every negative case breaks its requirement under every reading of the documents', (api) => {
    const plan = planApi(spec(api), DEFAULT_CONFIG, { seed: SEED, runs: 0 });
    const judge = judgeOf(api);
    for (const testCase of plan.cases.filter((c) => c.polarity === 'negative' && c.origin !== 'check' && !c.setup)) {
      expect(judge(testCase.request).broken, `${testCase.id}: ${testCase.description}`).toContain(testCase.requirementId);
    }
    // The document's own examples are judged as valid cases, apart (generators/document-examples.ts).
    for (const item of plan.discarded.filter((d) => d.why && !d.description.startsWith("the document's request example")))
      expect(item.why, item.description).toMatch(
        /tolerated \(.*erratum|UUID in another form|read (literally|leniently)|ignored|undecided|null at|does not say/,
      );
  });

  it.each([
    ['lbaas-healthmonitors', 'lbaas-healthmonitors/delay-is-integer', '/body/healthmonitor/delay = "7"'],
    ['lbaas-healthmonitors', 'lbaas-healthmonitors/max-retries-is-integer', '/body/healthmonitor/max_retries = "7"'],
    ['cloudbasic-cluster', 'cloudbasic-cluster/port-is-integer', '/body/port = "7"'],
    ['orchestration-stacks', 'orchestration-stacks/timeout-mins-is-integer', '/body/timeout_mins = "7"'],
    ['orchestration-stacks', 'orchestration-stacks/disable-rollback-is-boolean', '/body/disable_rollback = "true"'],
    ['orchestration-stacks', 'orchestration-stacks/template-is-string', '/body/template = {}'],
    ['orchestration-stacks', 'orchestration-stacks/tags-is-string', '/body/tags = null'],
    ['compute-servers', 'compute-servers/bdm-v2-boot-index-is-integer', '/body/server/block_device_mapping_v2/0/boot_index = "7"'],
    ['compute-servers', 'compute-servers/max-count-range', '/body/server/max_count = "7"'],
    ['compute-servers', 'compute-servers/user-data-base64', '/body/server/user_data = null'],
  ])('%s: %s keeps other negatives; %s goes to the discarded, with why', (api, requirementId, description) => {
    const plan = planApi(spec(api), DEFAULT_CONFIG, { seed: SEED, runs: 0 });
    const discarded = plan.discarded.find((d) => d.requirementId === requirementId && d.description.startsWith(description));
    expect(discarded?.why, JSON.stringify(plan.discarded.filter((d) => d.requirementId === requirementId))).toBeDefined();
    const negatives = plan.cases.filter((c) => c.requirementId === requirementId && c.polarity === 'negative');
    expect(negatives.length).toBeGreaterThanOrEqual(2);
    expect(negatives.some((c) => c.description.startsWith(description))).toBe(false);
    expect(plan.notRunnable.map((item) => item.requirementId)).not.toContain(requirementId);
  });

  it('an undashed UUID where format: uuid is required is ambiguous; an invalid one is not', () => {
    const judge = judgeOf('compute-servers');
    const base = baseRequest('compute-servers', DEFAULT_CONFIG);
    const image = fixturesFor(DEFAULT_CONFIG, 'compute-servers').imageRef;
    const undashed = judge(withEdits(base, { set: { '/body/server/imageRef': image.replace(/-/g, '').toUpperCase() } }));
    expect(undashed.ambiguous.find((item) => item.requirementId === 'compute-servers/image-ref-is-uuid')?.why).toMatch(/UUID in another form/);
    expect(undashed.broken).not.toContain('compute-servers/image-ref-is-uuid');
    expect(judge(withEdits(base, { set: { '/body/server/imageRef': 'not-a-uuid' } })).broken).toContain('compute-servers/image-ref-is-uuid');
    expect(judge(withEdits(base, { set: { '/body/server/imageRef': 7 } })).broken).toContain('compute-servers/image-ref-is-uuid');
  });

  it('a requirement left with no negative case shows as not run, with the reason', () => {
    // A spec whose delay tolerates every value: every negative of delay-is-integer is ambiguous then.
    const lbaas = structuredClone(spec('lbaas-healthmonitors'));
    const delay = requirementById(lbaas, 'lbaas-healthmonitors/delay-is-integer');
    if (!delay) throw new Error('no delay-is-integer');
    delay.tolerated = [{ erratum: 'lbaas-healthmonitors/erratum-delay-sent-as-string', schema: {} }];
    const plan = planApi(lbaas, DEFAULT_CONFIG, { seed: SEED, runs: 0 });
    expect(plan.cases.filter((c) => c.requirementId === delay.id && c.polarity === 'negative')).toEqual([]);
    const notRun = plan.notRunnable.find((item) => item.requirementId === delay.id);
    expect(notRun?.reason).toMatch(/only by a value the documents leave ambiguous/);
  });
});

describe("the response checks judge a lenient answer on what the documents say, not on the strict mock's habits", () => {
  const positive = (spec: LoadedSpec, status: number): PlannedCase => ({
    id: 'x#positive-1',
    api: spec.api,
    requirementId: 'x',
    polarity: 'positive',
    origin: 'boundary',
    level: 'explicit',
    description: '',
    request: { method: 'POST', path: {}, header: {} },
    expectedStatuses: [status],
  });
  const answer = (status: number, headers: Record<string, string>, json: unknown): ObservedResponse => ({
    status,
    headers,
    bodyExcerpt: JSON.stringify(json),
    bodyTruncated: false,
    json,
  });
  const failedChecks = async (api: string, status: number, headers: Record<string, string>, json: unknown) => {
    const spec = await loadSpec(api as (typeof API_NAMES)[number]);
    return runChecks({ spec, validate: createSchemaValidator(spec), testCase: positive(spec, status), response: answer(status, headers, json) })
      .filter((outcome) => !outcome.passed)
      .map((outcome) => `${outcome.check} ${outcome.requirementId}`);
  };
  const monitor = { healthmonitor: { url_path: '/', type: 'HTTP', id: '0a9ac99d-0a09-4b18-8499-a0796850279a', admin_state_up: true } };

  it('pass application/json; charset=utf-8, Connection: close and reversed keys', async () => {
    expect(await failedChecks('lbaas-healthmonitors', 201, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }, monitor)).toEqual([]);
  });

  it('still fail another media type, with or without a charset', async () => {
    expect(await failedChecks('lbaas-healthmonitors', 201, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }, monitor)).toEqual([
      'content_type_conformance lbaas-healthmonitors/response-content-type',
    ]);
  });

  it('still fail a missing Location, whatever the connection header says', async () => {
    const server = {
      server: {
        security_groups: [{ name: 'default' }],
        'OS-DCF:diskConfig': 'MANUAL',
        id: '74f4aba6-64df-4004-b886-a4fb3461cf73',
        links: [{ href: 'http://h/v2/p/servers/x', rel: 'self' }],
        adminPass: 'vffeEYsLvR5H',
      },
    };
    const headers = { 'content-type': 'application/json; charset=utf-8', connection: 'close' };
    expect(await failedChecks('compute-servers', 202, { ...headers, location: 'http://h/v2/p/servers/x' }, server)).toEqual([]);
    expect(await failedChecks('compute-servers', 202, headers, server)).toEqual(['response_headers_conformance compute-servers/response-location-header']);
  });
});
