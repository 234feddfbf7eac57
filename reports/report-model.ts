import type { RecordedErratum } from '../engine/run/results-document.ts';
import type { ApiName } from '../engine/api-name.ts';
import type { Level, RequirementKind } from '../engine/spec/requirement-model.ts';
import type { CaseResult, RequirementVerdictKind } from '../engine/run/run-model.ts';
import type { BaselineStatus } from '../engine/run/baseline.ts';
import type { Coverage } from './requirement-coverage.ts';

/**
 * What the HTML and JUnit reports show: built from a run's results as they stream by (or
 * from saved result files), bounded in size whatever the number of cases: counts for
 * everything, a few examples of each failure, a sample of the passes.
 */
export interface ReportModel {
  run: ReportRun;
  apis: ApiReport[];
  requirements: RequirementReport[];
  errata: ErratumReport[];
  /** Things a reader must know about the report itself (merged files of other suite versions…). */
  warnings: string[];
}

export interface ReportRun {
  suiteVersion: string;
  startedAt: string;
  finishedAt: string;
  /** Summed over the result files when several are merged. */
  durationMs: number;
  targets: string[];
  seeds: number[];
  runs: number[];
  strict: boolean;
  /** False when a deadline, SIGINT or a lost result file left cases unsent. */
  complete: boolean;
  exitCode: 0 | 1;
  cases: number;
  failedCases: number;
  /** The result files merged into this report; empty for a report written by the run itself. */
  sources: string[];
  /** Planned cases not sent, by why (--shard, --negative-only, --max-creates). */
  notSent: Record<string, number>;
  /** The target's name (--label), which baseline entries may name. */
  label?: string;
  /** What --baseline made of the verdicts; absent without one. */
  baseline?: BaselineSummary;
}

/** The requirement ids in each baseline status, and those broken that no entry covers. */
export interface BaselineSummary {
  file: string;
  /** --strict-baseline: a fixed entry fails the gate. */
  strict: boolean;
  /** Broken as the baseline expects: they do not fail the gate. */
  known: string[];
  /** Baselined but held: remove their entries. */
  fixed: string[];
  /** Entries whose expiry day has come: they fail the gate. */
  expired: string[];
  /** Baselined but not run: the run says nothing of them. */
  unproven: string[];
  /** Broken (failing) with no entry: what is new. */
  new: string[];
  /** Entries for requirements of APIs this run did not test. */
  notApplicable: number;
}

/** A requirement's baseline entry, and what it made of the verdict. */
export interface RequirementBaseline {
  status: BaselineStatus;
  reason: string;
  link?: string;
  expires?: string;
  target?: string;
}

/** `conformant with warnings`: no failing requirement, but an inferred one broken (it fails only with --strict); `with known deviations`: broken only where the --baseline expects it. */
export type ApiVerdict = 'conformant' | 'conformant with warnings' | 'conformant with known deviations' | 'not conformant' | 'not run';

export interface ApiReport {
  api: ApiName;
  /** e.g. `POST /v2.0/lbaas/healthmonitors` */
  operation: string;
  document: string;
  verdict: ApiVerdict;
  held: number;
  /** Broken explicit requirements. */
  broken: number;
  /** Broken inferred requirements: a warning, a failure with --strict. */
  warned: number;
  /** Broken, and expected so by the --baseline: not failing. */
  known: number;
  notRun: number;
  cases: number;
  failedCases: number;
  /** Answers with a 2xx status, setup requests included: what the run created on the target. */
  created: number;
  /** Of those, requests a conforming target refuses (invalid ones it accepted): flagged. */
  unexpectedlyCreated: { count: number; caseIds: string[] };
  /** Observed answers by status ("no answer" for a transport failure), most frequent first. */
  observedStatuses: StatusCount[];
  /** The operation's documented response codes: which the run meant to provoke, which it saw. */
  responseCodes: ResponseCodeReport[];
  /** Cases that accepted any of several statuses, by that set, each case once (they are not in responseCodes' `provoked`). */
  expectedTogether: { statuses: string[]; cases: number }[];
  /** A deterministic sample of passing cases (the same whatever the order they finished in). */
  samplePasses: CaseExample[];
}

export interface StatusCount {
  status: string;
  count: number;
}

export interface ResponseCodeReport {
  status: string;
  description: string;
  /** Cases that expected this status and no other (a case accepting several is in expectedTogether). */
  provoked: number;
  /** Answers with this status. */
  observed: number;
}

export interface RequirementReport {
  api: ApiName;
  id: string;
  level: Level;
  kind: RequirementKind;
  section: string;
  quote: string;
  /** The status the document gives when the requirement is broken (request side). */
  statusOnBreak: number[];
  verdict: RequirementVerdictKind;
  /** Broken and counts against the exit code (explicit, or inferred under --strict). */
  failing: boolean;
  positiveCases: number;
  negativeCases: number;
  failedCases: number;
  /** Summed time of the requests of the cases labelled with this requirement. */
  durationMs: number;
  notRunReason?: string;
  /** For a broken requirement: the smallest failing requests first (the counterexample is the first). */
  counterexamples: CaseExample[];
  /** Failing cases beyond those shown (all of them are in the JSON results). */
  moreFailures: number;
  /** Set when a --baseline entry covers the requirement. */
  baseline?: RequirementBaseline;
  /** Negative cases that broke it alone (joint negatives aside). */
  breakingCases: number;
  /** Whether it was sent both ways (reports/requirement-coverage.ts); when not, why. */
  coverage: Coverage;
  coverageReason?: string;
}

/** One case as a report shows it: what was sent, what came back, which checks failed, and curl. */
export interface CaseExample {
  caseId: string;
  description: string;
  polarity: CaseResult['polarity'];
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  expectedStatuses: number[];
  response?: CaseResult['response'];
  error?: string;
  failedChecks: { check: string; requirementId: string; message: string }[];
  curl: string;
  durationMs: number;
}

/** An erratum as the report shows it: the same record the results file keeps. */
export type ErratumReport = RecordedErratum;
