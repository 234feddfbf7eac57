import { readFileSync } from 'node:fs';
import { BaselineError } from '../errors.ts';
import { schemaFileValidator } from '../schema/schema-file-validator.ts';

/**
 * Known deviations as data: a team gates on "nothing new broke" while each accepted deviation
 * carries its reason, its bug link and, optionally, the day it stops being accepted.
 */

export interface BaselineEntry {
  requirement: string;
  target?: string;
  reason: string;
  link?: string;
  /** YYYY-MM-DD (UTC). */
  expires?: string;
}

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
  /** --strict-baseline: an entry whose requirement now holds fails the gate (remove it). */
  strict: boolean;
}

/**
 * What the baseline makes of one requirement's verdict:
 * known: broken, as the baseline expects (does not fail the gate);
 * fixed: the baseline expects it broken, it held (remove the entry; fails with --strict-baseline);
 * expired: the entry's day has come (fails the gate whatever the verdict);
 * unproven: the requirement did not run, so the run says nothing of the deviation.
 */
export type BaselineStatus = 'known' | 'fixed' | 'expired' | 'unproven';

export interface BaselineMark {
  status: BaselineStatus;
  entry: BaselineEntry;
}

const baselineValidator = schemaFileValidator(new URL('./baseline.schema.json', import.meta.url));

function parsed(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(
      file,
      `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check the path of the baseline file.',
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BaselineError(file, `not JSON: ${(error as Error).message}`);
  }
}

/** Reads and checks a baseline file; every entry must name a requirement of the specs (a typo would silently excuse nothing). */
export function loadBaseline(file: string, knownRequirements: ReadonlySet<string>, strict: boolean): Baseline {
  const value = parsed(file);
  const validate = baselineValidator();
  if (!validate(value)) {
    const details = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
      .join('; ');
    throw new BaselineError(file, `not a baseline: ${details}`);
  }
  const entries = (value as { entries: BaselineEntry[] }).entries;
  const unknown = entries.filter((entry) => !knownRequirements.has(entry.requirement)).map((entry) => entry.requirement);
  if (unknown.length)
    throw new BaselineError(
      file,
      `names requirements the specs do not hold: ${[...new Set(unknown)].join(', ')}`,
      'Run `npx conformance specs` for the requirement ids.',
    );
  return { file, entries, strict };
}

/** The entry that applies to a requirement on these targets: one for the target named first, else one for any target. */
export function entryFor(baseline: Baseline, requirementId: string, targets: readonly string[]): BaselineEntry | undefined {
  const mine = baseline.entries.filter((entry) => entry.requirement === requirementId);
  return mine.find((entry) => entry.target !== undefined && targets.includes(entry.target)) ?? mine.find((entry) => entry.target === undefined);
}

export function isExpired(entry: BaselineEntry, today: Date): boolean {
  return entry.expires !== undefined && entry.expires <= today.toISOString().slice(0, 10);
}

/** The reason of the entry that expects this requirement broken on these targets; none when none does (an expired entry expects nothing). */
export function knownDeviation(baseline: Baseline, requirementId: string, targets: readonly string[], today: Date): string | undefined {
  const entry = entryFor(baseline, requirementId, targets);
  return entry && !isExpired(entry, today) ? entry.reason : undefined;
}

/** What the entry makes of a verdict (see BaselineStatus). */
export function baselineStatus(entry: BaselineEntry, verdict: 'held' | 'broken' | 'not-run', today: Date): BaselineStatus {
  if (isExpired(entry, today)) return 'expired';
  if (verdict === 'broken') return 'known';
  return verdict === 'held' ? 'fixed' : 'unproven';
}

/** The entry that covers a requirement on these targets, and what it makes of the verdict; none when no entry does. */
export function baselineMark(
  baseline: Baseline,
  requirementId: string,
  verdict: 'held' | 'broken' | 'not-run',
  targets: readonly string[],
  today: Date,
): BaselineMark | undefined {
  const entry = entryFor(baseline, requirementId, targets);
  return entry ? { status: baselineStatus(entry, verdict, today), entry } : undefined;
}
