import { describe, expect, it } from 'vitest';
import type { MutationCampaignResult, MutationRow } from '../cli/mutation-campaign.ts';
import { formatKillRate, formatMutationTable } from '../cli/mutation-table.ts';

const killed: MutationRow = {
  id: 'lbaas-accepts-unknown-type',
  api: 'lbaas-healthmonitors',
  kind: 'accepts-invalid',
  breaks: 'lbaas-healthmonitors/type-valid-values',
  killed: true,
  exitCode: 1,
  brokenRequirements: ['lbaas-healthmonitors/type-valid-values'],
  killedBy: 'lbaas-healthmonitors/type-valid-values',
  cases: 100,
  ms: 412,
};

const survivor: MutationRow = {
  id: 'compute-500-on-config-drive',
  api: 'compute-servers',
  kind: 'server-error',
  breaks: 'compute-servers/config-drive-boolean-or-uuid',
  killed: false,
  exitCode: 1,
  brokenRequirements: ['compute-servers/response-status-accepted'],
  cases: 300,
  ms: 1530,
};

function campaign(rows: MutationRow[], falseAlarm = false): MutationCampaignResult {
  const count = rows.filter((row) => row.killed).length;
  return {
    conforming: [
      { personality: 'strict', exitCode: 0, brokenRequirements: [], cases: 700, ms: 2100, passed: true, output: '' },
      {
        personality: 'lenient',
        exitCode: falseAlarm ? 1 : 0,
        brokenRequirements: falseAlarm ? ['lbaas-healthmonitors/delay-is-integer'] : [],
        cases: 700,
        ms: 2300,
        passed: !falseAlarm,
        output: '',
      },
    ],
    rows,
    killed: count,
    total: rows.length,
    killRate: (100 * count) / rows.length,
    planMs: 3000,
    ms: 9000,
    passed: count === rows.length && !falseAlarm,
  };
}

describe('the mutation table', () => {
  it('gives per fault its kind, killed?, the requirement that caught it and the time, then the kill rate', () => {
    const table = formatMutationTable(campaign([killed]));
    expect(table).toMatch(/^fault +kind +killed\? +by which requirement +time$/m);
    expect(table).toMatch(/^lbaas-accepts-unknown-type +accepts-invalid +yes +lbaas-healthmonitors\/type-valid-values +0\.4 s$/m);
    expect(table).toContain('killed 1 of 1 faults (100%)');
    expect(table).toContain('conforming mock (strict): 700 cases, 2.1 s: passed, no false alarm');
  });

  it('shows a survivor and what the run found broken instead, and a false alarm', () => {
    const table = formatMutationTable(campaign([killed, survivor], true));
    expect(table).toMatch(
      /^compute-500-on-config-drive +server-error +NO +- +1\.5 s {2}SURVIVED: compute-servers\/config-drive-boolean-or-uuid not reported broken \(exit 1; broken: compute-servers\/response-status-accepted\)$/m,
    );
    expect(table).toContain('killed 1 of 2 faults (50%)');
    expect(table).toContain('conforming mock (lenient): 700 cases, 2.3 s: FALSE ALARM: exit 1, broken: lbaas-healthmonitors/delay-is-integer');
  });

  it('rounds a fractional kill rate to one decimal', () => {
    expect(formatKillRate({ killed: 53, total: 54, killRate: (100 * 53) / 54 })).toBe('killed 53 of 54 faults (98.1%)\n');
  });
});
