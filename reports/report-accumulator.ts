import crypto from 'node:crypto';
import type { ApiName } from '../engine/api-name.ts';
import { operationOf, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { expectedStatuses, requirementKind, type Requirement } from '../engine/spec/requirement-model.ts';
import type { CaseResult, RequirementVerdict } from '../engine/run/run-model.ts';
import { countsAgainstExit, exitCodeOf, VerdictTally } from '../engine/run/verdicts.ts';
import { recordedErrata } from '../engine/run/results-document.ts';
import { applyBaseline, baselineSummary } from './baseline-judgement.ts';
import { coverageOf, oneWayReason } from './requirement-coverage.ts';
import type { Baseline } from '../engine/run/baseline.ts';
import type { ApiReport, ApiVerdict, CaseExample, ReportModel, ReportRun, RequirementReport, ResponseCodeReport } from './report-model.ts';

/** How much of a large run a report keeps: every count, a few examples, a sample of passes. */
export const REPORT_LIMITS = { counterexamplesPerRequirement: 5, samplePassesPerApi: 12 } as const;

/** What the run (or the merged result files) says of itself; the rest comes from the results. */
export type RunFacts = Omit<ReportRun, 'exitCode' | 'cases' | 'failedCases'>;

interface Ranked {
  rank: string;
  example: CaseExample;
}

/** Case ids of invalid requests the target accepted, listed in the report (the rest counted). */
const UNEXPECTED_CREATIONS_LISTED = 50;

interface ApiCounts {
  cases: number;
  failed: number;
  created: number;
  unexpectedlyCreated: { count: number; caseIds: string[] };
  observed: Map<string, number>;
  /** Cases by the statuses they accept (sorted, joined by ","): each case counted once. */
  expectations: Map<string, number>;
  passes: Ranked[];
}

/** Keeps the `limit` lowest-ranked items; ties cannot happen (the case id ends every rank). The example is made only when kept: most are not. */
function keepLowest(kept: Ranked[], rank: string, example: () => CaseExample, limit: number): void {
  if (kept.length >= limit && rank >= (kept[kept.length - 1] as Ranked).rank) return;
  const at = kept.findIndex((item) => rank < item.rank);
  kept.splice(at === -1 ? kept.length : at, 0, { rank, example: example() });
  if (kept.length > limit) kept.pop();
}

/** Smallest request first, so the counterexample shown is the least to read. */
function sizeRank(result: CaseResult): string {
  const size = result.url.length + JSON.stringify(result.request.body ?? '').length;
  return `${String(size).padStart(12, '0')} ${result.caseId}`;
}

/** MD5 in hex: in one call where Node has it (20.12 on), a third of the cost of a Hash object, for every passing case of a run. */
const md5Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('md5', text, 'hex') : (text) => crypto.createHash('md5').update(text).digest('hex');

/** A hash of the case id: a sample that does not depend on the order cases finished in, nor on sharding. */
function sampleRank(result: CaseResult): string {
  return `${md5Hex(result.caseId)} ${result.caseId}`;
}

function exampleOf(result: CaseResult): CaseExample {
  return {
    caseId: result.caseId,
    description: result.description,
    polarity: result.polarity,
    method: result.request.method,
    url: result.url,
    requestHeaders: result.request.header ?? {},
    ...(result.request.body !== undefined ? { requestBody: result.request.body } : {}),
    expectedStatuses: result.expectedStatuses,
    ...(result.response ? { response: result.response } : {}),
    ...(result.error ? { error: result.error } : {}),
    failedChecks: result.checks.filter((check) => !check.passed).map(({ check, requirementId, message }) => ({ check, requirementId, message })),
    curl: result.curl,
    durationMs: result.durationMs,
  };
}

/** Not conformant on a failing requirement; else the broken ones that do not fail say why it is conformant "with" something. */
function apiVerdict(cases: number, rows: RequirementReport[]): ApiVerdict {
  if (cases === 0) return 'not run';
  if (rows.some((row) => row.failing)) return 'not conformant';
  const broken = rows.filter((row) => row.verdict === 'broken');
  if (broken.some((row) => row.baseline?.status !== 'known')) return 'conformant with warnings';
  return broken.length ? 'conformant with known deviations' : 'conformant';
}

function coverageFields(requirement: Requirement, verdict: RequirementVerdict): Pick<RequirementReport, 'breakingCases' | 'coverage' | 'coverageReason'> {
  // Results written before breakingCases was recorded: their negatives were all labelled with it.
  const breaking = verdict.breakingCases ?? verdict.negativeCases;
  const coverage = coverageOf(requirement, { breaking, positive: verdict.positiveCases });
  const oneWay = coverage !== 'both ways' && coverage !== 'on the answers';
  return { breakingCases: breaking, coverage, ...(oneWay ? { coverageReason: oneWayReason(coverage, verdict.notRunReason) } : {}) };
}

/** The statuses a case accepts, as one key: a case accepting several is counted once, under all of them together. */
function expectationKey(statuses: number[]): string {
  return [...new Set(statuses)].sort((a, b) => a - b).join(',');
}

function documentedCodes(spec: LoadedSpec): { status: string; description: string }[] {
  return Object.entries(spec.operation.responses ?? {}).map(([status, response]) => ({
    status,
    description: ((response as { description?: string }).description ?? '').trim(),
  }));
}

/**
 * Folds case results into a report model as they stream by. Memory is bounded by the number
 * of requirements, not of cases: a 100,000-case run keeps what a 1,000-case run keeps.
 */
export class ReportAccumulator {
  /** Absent when a run tallies the verdicts itself and hands them over at its end (`takeVerdicts`): each case is tallied once. */
  private readonly tally: VerdictTally | undefined;
  private runVerdicts: RequirementVerdict[] | undefined;
  private readonly failures = new Map<string, { kept: Ranked[]; total: number }>();
  private readonly apis = new Map<ApiName, ApiCounts>();
  private readonly durations = new Map<string, number>();
  private readonly unknownRequirements = new Set<string>();
  private readonly known: Set<string>;

  /** `runTallies`: the run tallies the verdicts (the report of a run); else they are tallied here (a merge of results files). */
  constructor(
    private readonly specs: LoadedSpec[],
    { runTallies = false }: { runTallies?: boolean } = {},
  ) {
    this.tally = runTallies ? undefined : new VerdictTally(specs);
    this.known = new Set(specs.flatMap((spec) => spec.requirements.map((requirement) => requirement.id)));
  }

  notRunnable(requirementId: string, reason: string): void {
    this.tally?.notRunnable(requirementId, reason);
  }

  /** The run's own verdicts (its footer's), for an accumulator whose run tallies them. */
  takeVerdicts(verdicts: RequirementVerdict[]): void {
    this.runVerdicts = verdicts;
  }

  add(result: CaseResult): void {
    this.tally?.add(result);
    this.durations.set(result.requirementId, (this.durations.get(result.requirementId) ?? 0) + result.durationMs);
    const counts = this.countsOf(result.api);
    counts.cases += 1;
    const observed = result.response ? String(result.response.status) : 'no answer';
    counts.observed.set(observed, (counts.observed.get(observed) ?? 0) + 1);
    const accepted = expectationKey(result.expectedStatuses);
    counts.expectations.set(accepted, (counts.expectations.get(accepted) ?? 0) + 1);
    this.countCreations(counts, result);
    if (result.passed) {
      keepLowest(counts.passes, sampleRank(result), () => exampleOf(result), REPORT_LIMITS.samplePassesPerApi);
      return;
    }
    counts.failed += 1;
    const failedIds = new Set(result.checks.filter((check) => !check.passed).map((check) => check.requirementId));
    const rank = sizeRank(result);
    for (const id of failedIds) {
      if (!this.known.has(id)) this.unknownRequirements.add(id);
      const failures = this.failures.get(id) ?? { kept: [], total: 0 };
      failures.total += 1;
      keepLowest(failures.kept, rank, () => exampleOf(result), REPORT_LIMITS.counterexamplesPerRequirement);
      this.failures.set(id, failures);
    }
  }

  verdicts(): RequirementVerdict[] {
    if (this.tally) return this.tally.verdicts();
    if (!this.runVerdicts) throw new Error("the report of a run is built once it has the run's verdicts (takeVerdicts)");
    return this.runVerdicts;
  }

  /** The report; with a baseline, a known deviation does not fail, an expired entry does, and a fixed one does with --strict-baseline. */
  build(facts: RunFacts, extraWarnings: string[] = [], baseline?: Baseline, today = new Date()): ReportModel {
    const verdicts = new Map(this.verdicts().map((verdict) => [verdict.requirementId, verdict]));
    const plain = this.specs.flatMap((spec) =>
      spec.requirements.map((requirement) => this.requirementReport(spec, requirement, verdicts.get(requirement.id) as RequirementVerdict, facts.strict)),
    );
    const requirements = baseline ? applyBaseline(plain, baseline, [...facts.targets, ...(facts.label ? [facts.label] : [])], today) : plain;
    const apis = this.specs.map((spec) =>
      this.apiReport(
        spec,
        requirements.filter((row) => row.api === spec.api),
      ),
    );
    const failing = requirements.some((row) => row.failing);
    const warnings = [...extraWarnings];
    if (this.unknownRequirements.size) {
      warnings.push(
        `The results name requirements the specs do not hold (results of another suite version?): ${[...this.unknownRequirements].sort().join(', ')}. Their failures count in the cases, not in the matrix.`,
      );
    }
    return {
      run: {
        ...facts,
        ...(baseline ? { baseline: baselineSummary(baseline, requirements, new Set(this.specs.map((spec) => spec.api))) } : {}),
        exitCode: exitCodeOf(failing, facts.complete),
        cases: apis.reduce((sum, api) => sum + api.cases, 0),
        failedCases: apis.reduce((sum, api) => sum + api.failedCases, 0),
      },
      apis,
      requirements,
      errata: recordedErrata(this.specs),
      warnings,
    };
  }

  private countCreations(counts: ApiCounts, result: CaseResult): void {
    const created = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
    counts.created += (result.setupStatuses ?? []).filter(created).length;
    if (!created(result.response?.status)) return;
    counts.created += 1;
    if (result.polarity === 'positive') return;
    counts.unexpectedlyCreated.count += 1;
    if (counts.unexpectedlyCreated.caseIds.length < UNEXPECTED_CREATIONS_LISTED) counts.unexpectedlyCreated.caseIds.push(result.caseId);
  }

  private countsOf(api: ApiName): ApiCounts {
    let counts = this.apis.get(api);
    if (!counts) {
      counts = { cases: 0, failed: 0, created: 0, unexpectedlyCreated: { count: 0, caseIds: [] }, observed: new Map(), expectations: new Map(), passes: [] };
      this.apis.set(api, counts);
    }
    return counts;
  }

  private requirementReport(spec: LoadedSpec, requirement: Requirement, verdict: RequirementVerdict, strict: boolean): RequirementReport {
    const failures = this.failures.get(requirement.id);
    const counterexamples = verdict.verdict === 'broken' ? (failures?.kept ?? []).map((item) => item.example) : [];
    return {
      api: spec.api,
      id: requirement.id,
      level: verdict.level,
      kind: requirementKind(requirement),
      section: requirement.cite.section,
      quote: requirement.cite.quote.trim(),
      statusOnBreak: expectedStatuses(requirement),
      verdict: verdict.verdict,
      failing: countsAgainstExit(verdict, strict),
      positiveCases: verdict.positiveCases,
      negativeCases: verdict.negativeCases,
      failedCases: verdict.failedCases,
      durationMs: this.durations.get(requirement.id) ?? 0,
      ...(verdict.notRunReason ? { notRunReason: verdict.notRunReason } : {}),
      counterexamples,
      moreFailures: verdict.verdict === 'broken' ? Math.max(0, (failures?.total ?? 0) - counterexamples.length) : 0,
      ...coverageFields(requirement, verdict),
    };
  }

  private apiReport(spec: LoadedSpec, rows: RequirementReport[]): ApiReport {
    const counts = this.apis.get(spec.api) ?? {
      cases: 0,
      failed: 0,
      created: 0,
      unexpectedlyCreated: { count: 0, caseIds: [] },
      observed: new Map<string, number>(),
      expectations: new Map<string, number>(),
      passes: [],
    };
    const count = (predicate: (row: RequirementReport) => boolean) => rows.filter(predicate).length;
    const responseCodes: ResponseCodeReport[] = documentedCodes(spec).map(({ status, description }) => ({
      status,
      description,
      provoked: counts.expectations.get(status) ?? 0,
      observed: counts.observed.get(status) ?? 0,
    }));
    return {
      api: spec.api,
      operation: operationOf(spec),
      document: spec.sourceDocument,
      verdict: apiVerdict(counts.cases, rows),
      held: count((row) => row.verdict === 'held'),
      broken: count((row) => row.verdict === 'broken' && row.failing),
      warned: count((row) => row.verdict === 'broken' && !row.failing && row.baseline?.status !== 'known'),
      known: count((row) => row.baseline?.status === 'known'),
      notRun: count((row) => row.verdict === 'not-run'),
      cases: counts.cases,
      failedCases: counts.failed,
      created: counts.created,
      unexpectedlyCreated: { count: counts.unexpectedlyCreated.count, caseIds: [...counts.unexpectedlyCreated.caseIds].sort() },
      observedStatuses: [...counts.observed].map(([status, n]) => ({ status, count: n })).sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
      responseCodes,
      expectedTogether: [...counts.expectations]
        .filter(([key]) => key.includes(','))
        .map(([key, cases]) => ({ statuses: key.split(','), cases }))
        .sort((a, b) => b.cases - a.cases || a.statuses.join().localeCompare(b.statuses.join())),
      samplePasses: counts.passes.map((item) => item.example),
    };
  }
}
