import { create } from 'xmlbuilder2';
import type { ApiReport, CaseExample, ReportModel, ReportRun, RequirementReport } from './report-model.ts';

type XmlElement = ReturnType<typeof create>;

/**
 * What a target sends back can hold characters XML 1.0 forbids (U+0000, U+FFFF, lone
 * surrogates…); xmlbuilder2 swaps each for this one as it builds, so the file stays well formed.
 */
const REPLACEMENT_CHARACTER = '\uFFFD';
const INFERRED_WARNING = 'WARNING (inferred requirement broken; fails only with --strict)';

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
}

/** An empty JUnit XML document whose text may hold anything the target sent (see REPLACEMENT_CHARACTER). */
export function junitDocument(): XmlElement {
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: REPLACEMENT_CHARACTER });
}

/**
 * The run as JUnit XML (the Jenkins junit-4 schema): one testsuite per API, one testcase per
 * requirement named by its id, and a `conformance-run` suite that fails when cases went unsent.
 */
export function junitXml(model: ReportModel): string {
  const document = junitDocument();
  const totals = totalCounts(model);
  const root = document.ele('testsuites', {
    name: 'conformance',
    tests: String(totals.tests),
    failures: String(totals.failures),
    errors: '0',
    time: seconds(model.run.durationMs),
  });
  for (const api of model.apis) addApiSuite(root, model, api);
  if (!model.run.complete) addIncompleteRunSuite(root, model.run);
  return document.end({ prettyPrint: true, wellFormed: true });
}

function requirementsOf(model: ReportModel, api: ApiReport): RequirementReport[] {
  return model.requirements.filter((row) => row.api === api.api);
}

function suiteCounts(rows: RequirementReport[]): SuiteCounts {
  return {
    tests: rows.length,
    failures: rows.filter((row) => row.failing).length,
    skipped: rows.filter((row) => row.verdict === 'not-run').length,
  };
}

/** The `skipped` total has no place on `<testsuites>` in the Jenkins schema; each testsuite carries its own. */
function totalCounts(model: ReportModel): Omit<SuiteCounts, 'skipped'> {
  const perApi = model.apis.map((api) => suiteCounts(requirementsOf(model, api)));
  const incompleteRun = model.run.complete ? 0 : 1;
  return {
    tests: perApi.reduce((sum, counts) => sum + counts.tests, incompleteRun),
    failures: perApi.reduce((sum, counts) => sum + counts.failures, incompleteRun),
  };
}

function seconds(durationMs: number): string {
  return (Math.max(0, durationMs) / 1000).toFixed(3);
}

function addSuite(root: XmlElement, name: string, counts: SuiteCounts, run: ReportRun, durationMs: number): XmlElement {
  return root.ele('testsuite', {
    name,
    tests: String(counts.tests),
    failures: String(counts.failures),
    errors: '0',
    skipped: String(counts.skipped),
    time: seconds(durationMs),
    timestamp: run.startedAt,
  });
}

function addApiSuite(root: XmlElement, model: ReportModel, api: ApiReport): void {
  const rows = requirementsOf(model, api);
  const durationMs = rows.reduce((sum, row) => sum + row.durationMs, 0);
  const suite = addSuite(root, api.api, suiteCounts(rows), model.run, durationMs);
  addProperties(suite, apiProperties(model.run, api));
  for (const row of rows) addTestcase(suite, api, row);
}

function apiProperties(run: ReportRun, api: ApiReport): [string, string][] {
  return [
    ['targets', run.targets.join(', ')],
    ['seeds', run.seeds.join(', ')],
    ['runs', run.runs.join(', ')],
    ['strict', String(run.strict)],
    ['suite-version', run.suiteVersion],
    ['source-document', api.document],
    ['operation', api.operation],
    ['complete', String(run.complete)],
    ['verdict', api.verdict],
    ['cases', String(api.cases)],
    ['failed-cases', String(api.failedCases)],
    ['created', String(api.created)],
    ['created-by-invalid-requests', String(api.unexpectedlyCreated.count)],
    ...(run.baseline
      ? ([
          ['baseline', run.baseline.file],
          ['known-deviations', String(api.known)],
        ] as [string, string][])
      : []),
  ];
}

function addProperties(suite: XmlElement, properties: [string, string][]): void {
  const element = suite.ele('properties');
  for (const [name, value] of properties) element.ele('property', { name, value });
}

function addTestcase(suite: XmlElement, api: ApiReport, row: RequirementReport): void {
  const testcase = suite.ele('testcase', { name: row.id, classname: `conformance.${row.api}`, time: seconds(row.durationMs) });
  if (row.baseline && addBaselineOutcome(testcase, api, row)) return;
  if (row.verdict === 'not-run') {
    testcase.ele('skipped').txt(row.notRunReason ?? 'not run');
    testcase.ele('system-out').txt(citation(api, row));
  } else if (row.verdict === 'held') {
    testcase.ele('system-out').txt(citation(api, row));
  } else if (row.failing) {
    addFailure(testcase, api, row);
  } else {
    testcase.ele('system-out').txt(`${INFERRED_WARNING}\n${brokenDetails(api, row)}`);
  }
}

function baselineText(row: RequirementReport): string {
  const entry = row.baseline;
  if (!entry) return '';
  return [`baseline: ${entry.reason}`, ...(entry.link ? [entry.link] : []), ...(entry.expires ? [`expires ${entry.expires}`] : [])].join(' · ');
}

/** A requirement its baseline entry decides: expired and (with --strict-baseline) fixed fail, known passes saying so. Returns false when the entry changes nothing. */
function addBaselineOutcome(testcase: XmlElement, api: ApiReport, row: RequirementReport): boolean {
  const status = row.baseline?.status;
  if (status === 'expired') {
    testcase
      .ele('failure', {
        message: `The baseline entry of ${row.id} expired on ${row.baseline?.expires}: fix the target, or renew the entry`,
        type: 'baseline-expired',
      })
      .txt(`${baselineText(row)}\n${row.verdict === 'broken' ? brokenDetails(api, row) : citation(api, row)}`);
    return true;
  }
  if (status === 'fixed' && row.failing) {
    testcase
      .ele('failure', { message: `${row.id} now holds: remove it from the baseline (--strict-baseline)`, type: 'baseline-fixed' })
      .txt(`${baselineText(row)}\n${citation(api, row)}`);
    return true;
  }
  if (status === 'fixed') {
    testcase.ele('system-out').txt(`FIXED: remove from baseline (${baselineText(row)})\n${citation(api, row)}`);
    return true;
  }
  if (status === 'known') {
    testcase.ele('system-out').txt(`KNOWN DEVIATION (${baselineText(row)})\n${brokenDetails(api, row)}`);
    return true;
  }
  return false;
}

function addFailure(testcase: XmlElement, api: ApiReport, row: RequirementReport): void {
  const check = firstFailedCheck(row);
  testcase
    .ele('failure', {
      message: oneLine(check?.message ?? `${row.id} broken in ${row.failedCases} cases`),
      type: check?.check ?? 'conformance',
    })
    .txt(brokenDetails(api, row));
}

/** The counterexample's failed check of this requirement, else its first failed check. */
function firstFailedCheck(row: RequirementReport): CaseExample['failedChecks'][number] | undefined {
  const checks = row.counterexamples[0]?.failedChecks ?? [];
  return checks.find((check) => check.requirementId === row.id) ?? checks[0];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function citation(api: ApiReport, row: RequirementReport): string {
  return `${api.document}, section "${row.section}" (${row.level}): "${row.quote}"`;
}

function brokenDetails(api: ApiReport, row: RequirementReport): string {
  const counterexample = row.counterexamples[0];
  return [
    citation(api, row),
    `failed ${row.failedCases} of ${row.positiveCases + row.negativeCases} cases`,
    ...(counterexample ? counterexampleLines(counterexample) : ['no counterexample kept (see the JSON results)']),
    ...moreFailuresLine(row),
  ].join('\n');
}

function counterexampleLines(example: CaseExample): string[] {
  return [
    `counterexample ${example.caseId}: ${example.description}`,
    `request: ${example.method} ${example.url}`,
    ...(example.requestBody !== undefined ? [`request body: ${JSON.stringify(example.requestBody, null, 2)}`] : []),
    `expected status: ${example.expectedStatuses.join(' or ')}`,
    ...answerLines(example),
    'failed checks:',
    ...example.failedChecks.map(({ check, requirementId, message }) => `  ${check} (${requirementId}): ${message}`),
    `reproduce: ${example.curl}`,
  ];
}

function answerLines(example: CaseExample): string[] {
  const { response } = example;
  if (!response) return [`no answer: ${example.error ?? 'no response recorded'}`];
  return [
    `response status: ${response.status}`,
    'response headers:',
    ...Object.entries(response.headers).map(([name, value]) => `  ${name}: ${value}`),
    `response body: ${response.bodyExcerpt}${response.bodyTruncated ? ' … (truncated)' : ''}`,
    ...(response.bodyCutAt !== undefined ? [`(the suite read only the first ${response.bodyCutAt} bytes of a longer body)`] : []),
    ...(response.bodyInvalidUtf8 ? ['(the body is not valid UTF-8)'] : []),
  ];
}

function moreFailuresLine(row: RequirementReport): string[] {
  const more = Math.max(0, row.counterexamples.length - 1) + row.moreFailures;
  return more > 0 ? [`${more} more failing cases (all in the JSON results)`] : [];
}

function addIncompleteRunSuite(root: XmlElement, run: ReportRun): void {
  const suite = addSuite(root, 'conformance-run', { tests: 1, failures: 1, skipped: 0 }, run, 0);
  suite
    .ele('testcase', { name: 'all-cases-sent', classname: 'conformance.run', time: seconds(0) })
    .ele('failure', { message: 'The run was incomplete: cases were left unsent (deadline or interrupt)', type: 'incomplete-run' })
    .txt(incompleteRunText(run));
}

function incompleteRunText(run: ReportRun): string {
  return [
    `The run started ${run.startedAt} and stopped ${run.finishedAt} before every case was sent:`,
    'a deadline, an interrupt (SIGINT) or a lost result file left cases unsent.',
    `${run.cases} cases were sent, ${run.failedCases} of them failed.`,
    'Verdicts cover only the cases sent; a requirement none of whose cases was sent shows as not run.',
  ].join('\n');
}
