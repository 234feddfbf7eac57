import picomatch from 'picomatch';
import { UsageError } from '../engine/errors.ts';

/** --include / --exclude: requirement ids or globs over them (`lbaas-healthmonitors/*`, `*-required`). */
export interface RequirementPatterns {
  include?: string[];
  exclude?: string[];
}

export type RequirementFilter = (requirementId: string) => boolean;

function matcherOf(patterns: string[] | undefined): RequirementFilter | undefined {
  if (!patterns?.length) return undefined;
  // Requirement ids hold one `/`; `bash` lets a `*` span it (`*-required` names every API's).
  const matchers = patterns.map((pattern) => picomatch(pattern, { bash: true }));
  return (id) => matchers.some((matches) => matches(id));
}

/** True for the requirements a run keeps: named by an include (all when none) and by no exclude. */
export function requirementFilter(patterns: RequirementPatterns): RequirementFilter {
  const included = matcherOf(patterns.include);
  const excluded = matcherOf(patterns.exclude);
  return (id) => (included ? included(id) : true) && !(excluded?.(id) ?? false);
}

/** Refuses a pattern that names no requirement of the APIs run: a typo would otherwise run nothing, silently. */
export function assertPatternsMatch(patterns: RequirementPatterns, requirementIds: string[]): void {
  for (const [option, list] of [
    ['include', patterns.include],
    ['exclude', patterns.exclude],
  ] as const) {
    for (const pattern of list ?? []) {
      const matches = matcherOf([pattern]) as RequirementFilter;
      if (!requirementIds.some(matches)) {
        throw new UsageError(
          `--${option} ${JSON.stringify(pattern)} names no requirement of the APIs run`,
          'Run `npx conformance specs` for the requirement ids; globs such as `lbaas-healthmonitors/*` or `*-required` work too.',
        );
      }
    }
  }
  if (patterns.include?.length && !requirementIds.some(requirementFilter(patterns))) {
    throw new UsageError('--include and --exclude together leave no requirement to run', 'Run `npx conformance specs` for the requirement ids.');
  }
}
