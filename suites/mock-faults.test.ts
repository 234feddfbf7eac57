import { describe, expect, it } from 'vitest';
import { type ApiName } from '../engine/api-catalogue.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import { faultCatalogue, faultsById, type Fault } from '../mock/fault-catalogue.ts';
import { startMock } from '../mock/mock-server.ts';
import { readViolationGroups, requestOf, type RuleCaseTable } from './support/rule-case-table.ts';
import { send, successStatus, type Answer } from './support/mock-client.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';

const fixture = useMock();

/** A request from the case tables that breaks the fault's requirement (for `ignore` faults). */
function brokenCaseFor(api: ApiName, requirementId: string): RequestDocument | undefined {
  const table = fixture.tables.get(api) as RuleCaseTable;
  const test = [...table.groups, ...readViolationGroups(api)].find((group) => group.requirement === requirementId)?.tests.find((t) => t.verdict === 'broken' && !t.world);
  return test ? requestOf(table.base, test) : undefined;
}

/** The base request made to meet a fault's `when` (conditions of the form {path, equals}). */
function requestMeeting(api: ApiName, when: unknown): RequestDocument {
  const { path: pointer, equals } = when as { path: string; equals: unknown };
  return requestOf((fixture.tables.get(api) as RuleCaseTable).base, { description: '', verdict: 'held', set: { [pointer]: equals } });
}

async function withFault(fault: Fault, request: RequestDocument): Promise<Answer> {
  const spec = fixture.specs.get(fault.api) as LoadedSpec;
  const table = fixture.tables.get(fault.api) as RuleCaseTable;
  const mock = await startMock({ config: TEST_CONFIG, worlds: { [fault.api]: table.world ?? {} }, faults: [fault.id] });
  try {
    return await send(mock.url, spec, request, { sigv4: TEST_CONFIG.auth.sigv4 });
  } finally {
    await mock.close();
  }
}

describe('the fault catalogue', () => {
  it('names, for each fault, a requirement of its API, under a unique id', () => {
    const faults = faultCatalogue();
    expect(new Set(faults.map((fault) => fault.id)).size).toBe(faults.length);
    const dangling = faults.filter((fault) => !fixture.specs.get(fault.api)?.requirements.some((r) => r.id === fault.breaks));
    expect(dangling.map((fault) => fault.id)).toEqual([]);
  });

  it('refuses an unknown fault id with the list of known ones', () => {
    expect(() => faultsById(['no-such-fault'])).toThrow(/unknown fault "no-such-fault".*/);
  });

  it.each(faultCatalogue())('$id really deviates from the documents ($kind)', async (fault) => {
    const spec = fixture.specs.get(fault.api) as LoadedSpec;
    const base = (fixture.tables.get(fault.api) as RuleCaseTable).base;
    const { effect } = fault;
    if (effect.ignore) {
      const request = brokenCaseFor(fault.api, fault.breaks);
      expect(request, `a broken case for ${fault.breaks} in the tables`).toBeDefined();
      const answer = await withFault(fault, request as RequestDocument);
      expect(answer.status, 'the invalid request is accepted').toBe(successStatus(spec));
    } else if (effect.successStatus !== undefined) {
      expect((await withFault(fault, base)).status).toBe(effect.successStatus);
    } else if (effect.successHeaders) {
      const answer = await withFault(fault, base);
      for (const name of effect.successHeaders.remove ?? []) expect(answer.headers[name]).toBeUndefined();
      for (const [name, value] of Object.entries(effect.successHeaders.set ?? {})) expect(answer.headers[name]).toBe(value);
    } else if (effect.fail) {
      expect((await withFault(fault, requestMeeting(fault.api, effect.fail.when))).status).toBe(effect.fail.status);
    } else {
      throw new Error(`no demonstration for the effect of ${fault.id}`);
    }
  });
});
