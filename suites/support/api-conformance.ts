import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../apis/config.ts';
import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import type { LoadedSpec } from '../../engine/spec/spec-loader.ts';
import { isResponseRequirement } from '../../engine/spec/requirement-model.ts';
import { runWithReporters, type ReportedRunOutcome } from '../../cli/run-with-reporters.ts';

const SEED = 11;
const RUNS = 10;

/**
 * One API's conformance run against the embedded mock, one test per requirement (named by its
 * id): the conforming mock breaks none; a held request-side requirement had cases; one that did
 * not run says why.
 */
export function describeApiConformance(spec: LoadedSpec, config: ConformanceConfig = DEFAULT_CONFIG): void {
  let outcome: ReportedRunOutcome;
  let output = '';
  beforeAll(async () => {
    outcome = await runWithReporters({
      config,
      apis: [spec.api],
      seed: SEED,
      runs: RUNS,
      strict: true,
      concurrency: 8,
      console: { write: (text: string) => void (output += text) },
      progress: { write: () => undefined },
      showProgress: false,
    });
  });

  describe(`${spec.api}: the embedded mock`, () => {
    it('is conformant (exit 0, strict)', () => {
      expect(outcome.exitCode, output).toBe(0);
    });
    it.each(spec.requirements)('$id', (requirement) => {
      const verdict = outcome.verdicts.find((candidate) => candidate.requirementId === requirement.id);
      expect(verdict?.verdict, output).not.toBe('broken');
      if (verdict?.verdict === 'not-run') expect(verdict.notRunReason ?? '', 'says why it did not run').toMatch(/\w{3,}.*\w{3,}/);
      else if (!isResponseRequirement(requirement)) expect((verdict?.positiveCases ?? 0) + (verdict?.negativeCases ?? 0), 'cases tried it').toBeGreaterThan(0);
    });
  });
}
