// The suite's proof of power (mutation testing): the conformance run passes the conforming mock
// (both personalities: zero false alarms) and fails against the mock with each fault of
// apis/<api>/faults.yaml in turn, naming among the broken requirements the one the fault breaks. A
// fault that survives is a gap in the suite to close, never an entry to drop. `npm run mutation`
// runs the same campaign alone and prints the same table.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../engine/api-name.ts';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import type { ApiPlan } from '../generators/case-planner.ts';
import { faultCatalogue } from '../mock/fault-catalogue.ts';
import { planAll, runMutationCampaign, type MutationCampaignResult } from '../cli/mutation-campaign.ts';
import { formatMutationTable } from '../cli/mutation-table.ts';
import { whenOf } from './support/fault-inputs.ts';

const SEED = 7;
/** Few random requests: the boundary cases do the catching; the campaign stays well under a minute. */
const RUNS = 2;
const faults = faultCatalogue();

let plans: Partial<Record<ApiName, ApiPlan>>;
let result: MutationCampaignResult;

beforeAll(async () => {
  plans = await planAll(API_NAMES, DEFAULT_CONFIG, SEED, RUNS);
  result = await runMutationCampaign({ faults, seed: SEED, runs: RUNS, timeoutMs: 1000, plans, personalities: ['strict', 'lenient'] });
  console.log(`${formatMutationTable(result, faults)}campaign ${(result.ms / 1000).toFixed(1)} s\n`);
}, 180_000);

describe('the mutation campaign (the suite proves its power)', () => {
  it.each(['strict', 'lenient'] as const)('raises no false alarm against the conforming mock (%s personality)', (personality) => {
    const run = result.conforming.find((candidate) => candidate.personality === personality);
    expect(run, `a run against the ${personality} mock`).toBeDefined();
    expect(run?.brokenRequirements, run?.output).toEqual([]);
    expect(run?.exitCode, run?.output).toBe(0);
    expect(run?.cases).toBeGreaterThan(100);
  });

  it.each(faults)('kills $id ($kind) by $breaks', (fault) => {
    const row = result.rows.find((candidate) => candidate.id === fault.id);
    expect(row, `a row for ${fault.id}`).toBeDefined();
    const found = `exit ${row?.exitCode}, broken: ${row?.brokenRequirements.join(', ') || 'nothing'}`;
    expect(row?.exitCode, found).toBe(1);
    expect(row?.brokenRequirements, found).toContain(fault.breaks);
    expect(row?.killedBy).toBe(fault.breaks);
  });

  it('kills 100% of the catalogue', () => {
    expect(result.total).toBe(faults.length);
    expect(result.rows.filter((row) => !row.killed).map((row) => row.id)).toEqual([]);
    expect(result.killRate).toBe(100);
    expect(result.passed).toBe(true);
  });

  // A fault that answers wrongly for a particular input is caught by the case that sends it: that
  // input must be one a planned valid case sends, labelled with the requirement the fault breaks.
  it.each(faults.filter((fault) => whenOf(fault)))("$id's input is sent by a valid planned case of $breaks", (fault) => {
    const when = whenOf(fault) as NonNullable<ReturnType<typeof whenOf>>;
    const hits = (plans[fault.api]?.cases ?? []).filter(
      (testCase) => testCase.polarity === 'positive' && testCase.requirementId === fault.breaks && conditionHolds(when, testCase.request),
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((testCase) => testCase.origin === 'boundary')).toBe(true);
  });
});
