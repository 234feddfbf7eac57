import { fixturesFor } from '../support/api-fixtures.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { describeApiConformance } from '../support/api-conformance.ts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../apis/config.ts';
import { runWithReporters } from '../../cli/run-with-reporters.ts';

describeApiConformance(await loadSpec('lbaas-healthmonitors'));

describe('lbaas-healthmonitors without a busy pool fixture', () => {
  it('reports load-balancer-active as not run (never as passed), saying which fixture is missing', async () => {
    const { busyPoolId: _omitted, ...fixtures } = fixturesFor(DEFAULT_CONFIG, 'lbaas-healthmonitors');
    const config = { ...DEFAULT_CONFIG, fixtures: { ...DEFAULT_CONFIG.fixtures, 'lbaas-healthmonitors': fixtures } };
    const outcome = await runWithReporters({
      config,
      apis: ['lbaas-healthmonitors'],
      seed: 11,
      runs: 2,
      strict: true,
      concurrency: 4,
      console: { write: () => undefined },
      progress: { write: () => undefined },
      showProgress: false,
    });
    const verdict = outcome.verdicts.find((candidate) => candidate.requirementId === 'lbaas-healthmonitors/load-balancer-active');
    expect(verdict?.verdict).toBe('not-run');
    expect(verdict?.notRunReason).toContain('loadBalancerStatus');
  });
});
