import type { ApiName } from '../api-name.ts';
import { requirementAmong, type LoadedSpec } from '../spec/spec-loader.ts';
import { isResponseRequirement, type Level, type Requirement } from '../spec/requirement-model.ts';
import type { CaseResult, RequirementVerdict } from './run-model.ts';
import { baselineMark, type Baseline, type BaselineStatus } from './baseline.ts';

interface Tally {
  /** Cases that tried the requirement, each counted once: labelled with it, exercising it, or judged by a check naming it. */
  positive: number;
  negative: number;
  /** Of those, cases where a check naming it failed (or, labelled with it, got no answer). */
  failed: number;
  /** Failed cases whose failed claim is explicit (the document states it under every reading). */
  failedExplicit: number;
  /** Negative cases labelled with it: requests that break it. */
  breaking: number;
  passedChecks: number;
}

const EMPTY_TALLY: Tally = { positive: 0, negative: 0, failed: 0, failedExplicit: 0, breaking: 0, passedChecks: 0 };

/** The reasons the tally gives itself when nothing ran a requirement (a merge recomputes them). */
export const NO_CASE_TRIED_IT = 'no case tried it';
export const ONLY_VALID_REQUESTS_TRIED_IT = 'only valid requests tried it; none that breaks it was sent';
export const COMPUTED_NOT_RUN_REASONS: ReadonlySet<string> = new Set([NO_CASE_TRIED_IT, ONLY_VALID_REQUESTS_TRIED_IT]);

/** A claim is explicit only when both its requirement and the claim itself are (older results carry no claim level). */
export function levelOfClaim(requirement: Requirement | undefined, claimLevel: Level | undefined): Level {
  return requirement?.level === 'explicit' && claimLevel !== 'inferred' ? 'explicit' : 'inferred';
}

/**
 * The one vocabulary of verdicts a user reads (console, HTML, JUnit, job summary): held, broken
 * (counts against the exit code), warned (an inferred requirement broken: fails only with
 * --strict), known (broken as the --baseline expects), not run. A rule's own outcome on one
 * request is another thing: engine/rules/rule-evaluator.ts's RuleOutcome.
 */
export type ShownVerdict = 'held' | 'broken' | 'warned' | 'known' | 'not-run';

/** How a requirement a case found broken is said: broken when it counts against the exit code, warned when it fails only with --strict. */
export type Breach = Extract<ShownVerdict, 'broken' | 'warned'>;

/** Each requirement a case found broken (a failed check naming it, or no answer to a case labelled with it), broken or warned. */
export function breachesOf(result: CaseResult, specs: readonly LoadedSpec[], strict: boolean): Map<string, Breach> {
  const breaches = new Map<string, Breach>();
  const add = (requirementId: string, claimLevel: CaseResult['level']) => {
    const level = levelOfClaim(requirementAmong(specs, requirementId)?.requirement, claimLevel);
    if (breaches.get(requirementId) !== 'broken') breaches.set(requirementId, countsAgainstExit({ verdict: 'broken', level }, strict) ? 'broken' : 'warned');
  };
  if (result.error) add(result.requirementId, result.level);
  for (const check of result.checks) if (!check.passed) add(check.requirementId, check.level);
  return breaches;
}

/**
 * Per requirement: how many cases tried it, and whether any check naming it failed. Counts
 * only, so a run of any size holds constant memory here.
 */
export class VerdictTally {
  private readonly tallies = new Map<string, Tally>();
  private readonly notRunReasons = new Map<string, string>();

  constructor(private readonly specs: LoadedSpec[]) {}

  private tally(id: string): Tally {
    let tally = this.tallies.get(id);
    if (!tally) {
      tally = { ...EMPTY_TALLY };
      this.tallies.set(id, tally);
    }
    return tally;
  }

  notRunnable(requirementId: string, reason: string): void {
    this.notRunReasons.set(requirementId, reason);
  }

  add(result: CaseResult): void {
    // Per case, for every case of a run: no map of failures unless one failed, no copies of the ids to make the set.
    let failedHere: Map<string, boolean> | undefined;
    if (result.error) failedHere = this.noteFailure(failedHere, result.requirementId, result.level);
    for (const check of result.checks) {
      if (check.passed) this.tally(check.requirementId).passedChecks += 1;
      else failedHere = this.noteFailure(failedHere, check.requirementId, check.level);
    }
    // A few ids a case, mostly the same few: an array, not a Set (a hash table per case, twice per case in a run).
    const tried = [result.requirementId];
    for (const id of result.exercises ?? []) if (!tried.includes(id)) tried.push(id);
    for (const check of result.checks) if (!tried.includes(check.requirementId)) tried.push(check.requirementId);
    for (const id of tried) {
      const tally = this.tally(id);
      if (result.polarity === 'positive') tally.positive += 1;
      else tally.negative += 1;
    }
    // A joint negative's refusal may be for the other requirement it breaks: it proves nothing about its own.
    if (result.polarity === 'negative' && !result.jointWith) this.tally(result.requirementId).breaking += 1;
    for (const [id, explicit] of failedHere ?? []) {
      const tally = this.tally(id);
      tally.failed += 1;
      if (explicit) tally.failedExplicit += 1;
    }
  }

  /** The case failed this requirement; explicit when any failure of it in the case is. */
  private noteFailure(failedHere: Map<string, boolean> | undefined, id: string, claimLevel: Level | undefined): Map<string, boolean> {
    const failed = failedHere ?? new Map<string, boolean>();
    return failed.set(id, failed.get(id) === true || this.levelOf(id, claimLevel) === 'explicit');
  }

  private levelOf(requirementId: string, claimLevel: Level | undefined): Level {
    return levelOfClaim(requirementAmong(this.specs, requirementId)?.requirement, claimLevel);
  }

  verdicts(): RequirementVerdict[] {
    return this.specs.flatMap((spec) =>
      spec.requirements.map((requirement): RequirementVerdict => {
        const tally = this.tallies.get(requirement.id) ?? EMPTY_TALLY;
        // A requirement on the request holds only once a request breaking it was refused:
        // valid requests being accepted prove nothing about it (a busy pool never sent, say).
        const tried = isResponseRequirement(requirement) ? tally.positive + tally.passedChecks > 0 : tally.breaking > 0;
        const verdict = tally.failed > 0 ? 'broken' : tried ? 'held' : 'not-run';
        const reason = this.notRunReasons.get(requirement.id) ?? (tally.positive > 0 ? ONLY_VALID_REQUESTS_TRIED_IT : NO_CASE_TRIED_IT);
        return {
          api: spec.api as ApiName,
          requirementId: requirement.id,
          // A requirement broken only by claims some reading excuses (an inferred case) warns.
          level: verdict === 'broken' && tally.failedExplicit === 0 ? 'inferred' : requirement.level,
          verdict,
          positiveCases: tally.positive,
          negativeCases: tally.negative,
          failedCases: tally.failed,
          breakingCases: tally.breaking,
          ...(verdict === 'not-run' ? { notRunReason: reason } : {}),
        };
      }),
    );
  }
}

/** The rule of the exit code: a broken requirement (or a failed claim) counts against it when explicit, and with --strict whatever its level. */
export function countsAgainstExit(verdict: Pick<RequirementVerdict, 'verdict' | 'level'>, strict: boolean): boolean {
  return verdict.verdict === 'broken' && (verdict.level === 'explicit' || strict);
}

/** What a baseline entry makes of whether a requirement fails the run: an expired entry fails, a known deviation does not, a fixed one only with --strict-baseline. */
export function failsUnderBaseline(failing: boolean, status: BaselineStatus, strictBaseline: boolean): boolean {
  if (status === 'expired') return true;
  if (status === 'known') return false;
  if (status === 'fixed') return strictBaseline;
  return failing;
}

/** What decides the exit code besides the verdicts. */
export interface RunGate {
  strict: boolean;
  /** False when cases planned to be sent were not (deadline, interrupt, --max-failures). */
  complete: boolean;
  baseline?: Baseline;
  /** The targets (and the --label) a baseline entry may name. */
  targets: readonly string[];
  /** The day an entry's expiry is compared with. */
  today: Date;
}

/** Whether a requirement's verdict fails the run, once its baseline entry (if any) is read. */
export function failsTheRun(verdict: RequirementVerdict, gate: RunGate): boolean {
  const failing = countsAgainstExit(verdict, gate.strict);
  if (!gate.baseline) return failing;
  const mark = baselineMark(gate.baseline, verdict.requirementId, verdict.verdict, gate.targets, gate.today);
  return mark ? failsUnderBaseline(failing, mark.status, gate.baseline.strict) : failing;
}

/** 0 when no requirement fails the run and every case meant to be sent was; 1 otherwise. */
export function exitCodeOf(anyFailing: boolean, complete: boolean): 0 | 1 {
  return anyFailing || !complete ? 1 : 0;
}

/** The exit code of a run (or of merged results) from its verdicts. */
export function runExitCode(verdicts: readonly RequirementVerdict[], gate: RunGate): 0 | 1 {
  return exitCodeOf(
    verdicts.some((verdict) => failsTheRun(verdict, gate)),
    gate.complete,
  );
}
