import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { expectedStatuses } from '../engine/spec/requirement-model.ts';
import { toleratedBreaches } from '../engine/rules/reasonable-readings.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { requirementById } from '../engine/spec/spec-loader.ts';
import { readViolationGroups, requestOf } from './support/rule-case-table.ts';
import { requestFailures } from '../engine/rules/request-failures.ts';
import { send, successStatus } from './support/mock-client.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';

const fixture = useMock();
const TOTAL = 1000;
const CLIENTS = 50;

interface Planned {
  api: ApiName;
  request: RequestDocument;
  statuses: number[];
  requirementId: string | undefined;
}

/** Broken cases of the tables that break exactly one requirement and touch no credential. */
function singleFaultCases(api: ApiName): Planned[] {
  const spec = fixture.specs.get(api);
  const table = fixture.tables.get(api);
  if (!spec || !table) return [];
  return [...table.groups, ...readViolationGroups(api)].flatMap((group) =>
    group.tests
      .filter(
        (test) =>
          test.verdict === 'broken' &&
          !test.world &&
          ![...Object.keys(test.set ?? {}), ...(test.unset ?? [])].some((p) => p.startsWith('/header') || p === '/method'),
      )
      .map((test) => requestOf(table.base, test))
      .filter((request) => {
        const failures = requestFailures(spec, request, table.world);
        // What the documents' examples send (tolerated by an erratum) the mock accepts: not a refusal to expect.
        return failures.length === 1 && failures[0] === group.requirement && toleratedBreaches(spec, request, table.world).length === 0;
      })
      .map((request) => {
        const requirement = requirementById(spec, group.requirement);
        return { api, request, statuses: requirement ? expectedStatuses(requirement) : [], requirementId: group.requirement };
      }),
  );
}

function validRequest(api: ApiName, index: number): Planned {
  const spec = fixture.specs.get(api);
  const table = fixture.tables.get(api);
  if (!spec || !table) throw new Error('fixture not loaded');
  // Stack names are unique per tenant: each valid stack gets its own.
  const request = requestOf(
    table.base,
    api === 'orchestration-stacks' ? { description: '', verdict: 'held', set: { '/body/stack_name': `load_${index}` } } : { description: '', verdict: 'held' },
  );
  return { api, request, statuses: [successStatus(spec)], requirementId: undefined };
}

describe('the mock under load', () => {
  it(`answers ${TOTAL} mixed valid and invalid requests from ${CLIENTS} concurrent clients, each correctly`, async () => {
    const invalid = new Map(API_NAMES.map((api) => [api, singleFaultCases(api)]));
    for (const api of API_NAMES) expect(invalid.get(api)?.length, `${api} has single-fault cases`).toBeGreaterThan(0);
    const plan: Planned[] = Array.from({ length: TOTAL }, (_, index) => {
      const api = API_NAMES[index % API_NAMES.length] as ApiName;
      const cases = invalid.get(api) ?? [];
      return index % 2 === 0 ? validRequest(api, index) : (cases[Math.floor(index / 2) % cases.length] as Planned);
    });
    const wrong: string[] = [];
    let next = 0;
    async function client(): Promise<void> {
      while (next < plan.length) {
        const planned = plan[next++] as Planned;
        const spec = fixture.specs.get(planned.api);
        if (!spec) throw new Error('fixture not loaded');
        const answer = await send(fixture.mock.url, spec, planned.request, { sigv4: TEST_CONFIG.auth.sigv4 });
        const named = answer.headers['x-conformance-requirement'];
        if (!planned.statuses.includes(answer.status) || (planned.requirementId && named !== planned.requirementId)) {
          wrong.push(`${planned.api} ${planned.requirementId ?? 'valid'}: got ${answer.status} ${named ?? ''}`);
        }
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(wrong).toEqual([]);
    const created = API_NAMES.reduce((sum, api) => sum + fixture.mock.state[api]!.createdCount, 0);
    expect(created).toBe(TOTAL / 2);
  });
});
