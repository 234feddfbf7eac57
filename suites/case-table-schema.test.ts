// The case tables are data a person writes by hand: each is checked against
// apis/rule-cases.schema.json when read, so a typo (a verdict misspelt, a
// description YAML reads as null) fails loudly instead of silently testing less.
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { caseTableProblems, readRuleCaseTable, readViolationGroups } from './support/rule-case-table.ts';

describe('the case tables', () => {
  it.each(API_NAMES)('%s: the rule and violation tables conform to the case-table schema', (api) => {
    expect(readRuleCaseTable(api).groups.length).toBeGreaterThan(0);
    expect(readViolationGroups(api).length).toBeGreaterThan(0);
  });

  it('refuses a misspelt verdict, a description that is no text, an unknown key and alsoBreaks on a held case, naming where', () => {
    const table = {
      api: 'lbaas-healthmonitors',
      groups: [
        {
          requirement: 'lbaas-healthmonitors/timeout-lt-delay',
          tests: [
            { description: 'timeout equal to delay', set: { '/body/healthmonitor/timeout': 5 }, verdict: 'brokn' },
            { description: null, verdict: 'broken' },
            { description: 'a key the format does not know', verdict: 'held', expected: 400 },
            { description: 'held but breaking another', verdict: 'held', alsoBreaks: ['lbaas-healthmonitors/delay-is-integer'] },
          ],
        },
      ],
    };
    const problems = caseTableProblems(table).join('\n');
    expect(problems).toContain('/groups/0/tests/0/verdict');
    expect(problems).toContain('/groups/0/tests/1/description');
    expect(problems).toContain('/groups/0/tests/2 must NOT have additional properties');
    expect(problems).toContain('/groups/0/tests/3/verdict');
  });

  it('accepts a table of the documented shape', () => {
    expect(
      caseTableProblems({
        api: 'compute-servers',
        groups: [{ requirement: 'compute-servers/name-length', tests: [{ description: 'empty', set: { '/body/server/name': '' }, verdict: 'broken' }] }],
      }),
    ).toEqual([]);
  });
});
