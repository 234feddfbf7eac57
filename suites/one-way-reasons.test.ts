// Every requirement on the request is sent both ways in a default run against the mock (a
// negative breaking it alone, a valid case keeping it), or the plan says why not in one of a
// few words a user can act on: no request breaks it alone, none can break it at all, the
// document states no outcome for one that does, or a fixture is missing (named).
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { plannedCoverage } from '../cli/specs-coverage.ts';
import { FIXTURE_WANTED, isJustifiedOneWayReason, NOT_SEPARABLE, NO_STATED_OUTCOME, UNBREAKABLE } from '../generators/one-way-reasons.ts';

describe('why a requirement is sent one way only', () => {
  it.each(API_NAMES)('%s: every requirement on the request is sent both ways, or not-both-ways for a justified reason', async (api) => {
    const coverage = plannedCoverage(await loadSpec(api));
    const unjustified = coverage.notBothWays.filter((row) => !isJustifiedOneWayReason(row.reason)).map((row) => `${row.id} (${row.sent}): ${row.reason}`);
    expect(unjustified).toEqual([]);
    // The embedded mock's defaults give every optional fixture: none is wanted in a default run.
    expect(coverage.notBothWays.filter((row) => FIXTURE_WANTED.test(row.reason)).map((row) => row.id)).toEqual([]);
    // A valid case carries every requirement on the request: none is sent only as a negative, or not at all.
    expect(coverage.notBothWays.filter((row) => row.sent !== 'positive only').map((row) => `${row.id}: ${row.sent}`)).toEqual([]);
  });

  it('accepts the four kinds of reason and nothing vaguer', () => {
    expect(isJustifiedOneWayReason(`${NOT_SEPARABLE}: every request that breaks it also breaks x/y`)).toBe(true);
    expect(isJustifiedOneWayReason(`${UNBREAKABLE}: a path value is always text`)).toBe(true);
    expect(isJustifiedOneWayReason(`${NO_STATED_OUTCOME}: the document does not say that a server refuses it`)).toBe(true);
    expect(isJustifiedOneWayReason('the suite found no valid value for /body/server/networks/0/port: set fixtures.compute-servers.portId')).toBe(true);
    expect(isJustifiedOneWayReason('the suite could make no request that breaks it')).toBe(false);
    expect(isJustifiedOneWayReason('no case broke it alone')).toBe(false);
    expect(isJustifiedOneWayReason('atMostOne is checked another way')).toBe(false);
  });

  it('a requirement only joint negatives break names the requirements they drag along', async () => {
    const coverage = plannedCoverage(await loadSpec('compute-servers'));
    const row = coverage.notBothWays.find((item) => item.id === 'compute-servers/image-ref-is-uuid');
    expect(row?.reason).toMatch(new RegExp(`^${NOT_SEPARABLE}: .*compute-servers/image-exists`));
  });
});
