import type { ApiName } from '../api-name.ts';
import type { Level } from '../spec/requirement-model.ts';
import type { RequestDocument } from '../request/request-document.ts';

/**
 * One request the suite sends, labelled with the requirement it tests and what a conforming
 * target answers. The same requirement id names the case, the check, the report row and the
 * JUnit test case.
 */
export interface PlannedCase {
  /** Stable and readable: `<requirement id>#<polarity>-<n>`. */
  id: string;
  api: ApiName;
  requirementId: string;
  /** positive: a conforming target accepts it; negative: it refuses it. */
  polarity: 'positive' | 'negative';
  /** boundary cases come first and always; random ones up to --runs; checks are hand-made (auth, state). */
  /** boundary: made for a requirement; random: a random valid request; example: the document's own request example; check: the auth checks. */
  origin: 'boundary' | 'random' | 'example' | 'check';
  /**
   * How firmly the documents demand this case's outcome: explicit when the breach (or the
   * acceptance) is one the document states for every reading; inferred otherwise. A failed
   * check of an inferred case warns, and fails the run only with --strict.
   */
  level: Level;
  description: string;
  request: RequestDocument;
  /** Statuses a conforming target may answer. */
  expectedStatuses: number[];
  /** For a positive case: the other requirements it puts to the test (each held and applicable). */
  exercises?: string[];
  /**
   * A joint negative: no request breaks its requirement alone, so this one breaks these too.
   * An acceptance breaks them all; a refusal proves nothing about any one of them (no "held").
   */
  jointWith?: string[];
  /** Requests sent first, in order, whose answers are not judged (e.g. create the stack a duplicate then conflicts with). */
  setup?: RequestDocument[];
  /** How to authenticate: as configured (default), or deliberately wrong for the auth checks. */
  credentials?: 'configured' | 'none' | 'wrong-token' | 'wrong-signature' | 'expired-signature';
}

/** What came back (bounded: a body excerpt, never the whole of a huge body). */
export interface ObservedResponse {
  status: number;
  headers: Record<string, string>;
  bodyExcerpt: string;
  bodyTruncated: boolean;
  /** The body parsed as JSON when it is JSON and complete. */
  json?: unknown;
  /** Why a complete, valid UTF-8 body is not JSON (the parser's message, or "it is empty"). */
  jsonError?: string;
  /** The body was longer than the suite reads: only this many bytes were read (the case is judged on that prefix). */
  bodyCutAt?: number;
  /** The body's bytes are not valid UTF-8: the excerpt shows U+FFFD where they were, and the body is not JSON. */
  bodyInvalidUtf8?: boolean;
}

export interface CheckOutcome {
  /** The check's function name: status_conformance, not_a_server_error, response_schema_conformance… */
  check: string;
  requirementId: string;
  /** The level of this claim (the case's for its status, the requirement's for the answer's shape); absent in older results: the requirement's. */
  level?: Level;
  passed: boolean;
  message: string;
}

export interface CaseResult {
  caseId: string;
  api: ApiName;
  requirementId: string;
  polarity: PlannedCase['polarity'];
  origin: PlannedCase['origin'];
  /** The case's level (absent in older results: its requirement's). */
  level?: Level;
  description: string;
  /** For a positive case: the other requirements it put to the test. */
  exercises?: string[];
  /**
   * A joint negative: no request breaks its requirement alone, so this one breaks these too.
   * An acceptance breaks them all; a refusal proves nothing about any one of them (no "held").
   */
  jointWith?: string[];
  /** The request as sent, secrets redacted. */
  request: RequestDocument;
  url: string;
  expectedStatuses: number[];
  /** The statuses answered to the case's setup requests (each meant to create a resource). */
  setupStatuses?: number[];
  /** What came back, secrets redacted (the parsed JSON the checks used is not kept). */
  response?: Omit<ObservedResponse, 'json'>;
  /** A transport failure: timeout, connection reset… */
  error?: string;
  durationMs: number;
  checks: CheckOutcome[];
  passed: boolean;
  /** A copy-paste command reproducing the request, secrets redacted. */
  curl: string;
}

export type RequirementVerdictKind = 'held' | 'broken' | 'not-run';

export interface RequirementVerdict {
  api: ApiName;
  requirementId: string;
  level: Level;
  verdict: RequirementVerdictKind;
  positiveCases: number;
  negativeCases: number;
  failedCases: number;
  /** Negative cases labelled with it that break it alone (joint negatives aside): requests the target had to refuse for it. */
  breakingCases?: number;
  /** Why nothing ran (e.g. the busy pool fixture is not configured; untestable). */
  notRunReason?: string;
}
