import { describe, expect, it } from 'vitest';
import { request as httpRequest } from 'undici';
import { type ApiName } from '../engine/api-name.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import { toHttpRequest } from '../engine/request/request-to-http.ts';
import { faultCatalogue, faultsById, type Fault } from '../mock/fault-catalogue.ts';
import { startMock } from '../mock/mock-server.ts';
import { withCredentials } from '../runner/request-credentials.ts';
import { readViolationGroups, requestOf, worldOfCase, type RuleCase, type RuleCaseTable } from './support/rule-case-table.ts';
import { send, successStatus, type Answer } from './support/mock-client.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';
import { validBoundaryRequestsMeeting, whenOf } from './support/fault-inputs.ts';

const fixture = useMock();

/** How long a request to a hanging fault is given before it counts as never answered. */
const HANG_GRACE_MS = 700;

function isAuthentication(spec: LoadedSpec, requirementId: string): boolean {
  return requirementById(spec, requirementId)?.rule?.kind === 'authenticated';
}

/** The case tables' requests that break the fault's requirement, with the world each runs in. */
function brokenCasesFor(api: ApiName, requirementId: string): { request: RequestDocument; world: WorldData | undefined }[] {
  const table = fixture.tables.get(api) as RuleCaseTable;
  return [...table.groups, ...readViolationGroups(api)]
    .filter((group) => group.requirement === requirementId)
    .flatMap((group) => group.tests.filter((test: RuleCase) => test.verdict === 'broken'))
    .map((test) => ({ request: requestOf(table.base, test), world: worldOfCase(table, test) }));
}

/** Sends a case table request to a mock holding `world`, with the fault on (or none). Credential cases are sent as written, not re-signed. */
async function sendTableRequest(fault: Fault, faults: string[], request: RequestDocument, world: WorldData | undefined): Promise<Answer> {
  const spec = fixture.specs.get(fault.api) as LoadedSpec;
  const mock = await startMock({ config: TEST_CONFIG, worlds: { [fault.api]: world ?? {} }, faults });
  try {
    return await send(mock.url, spec, request, { sigv4: TEST_CONFIG.auth.sigv4, sign: !isAuthentication(spec, fault.breaks) });
  } finally {
    await mock.close();
  }
}

async function withFault(fault: Fault, request: RequestDocument): Promise<Answer> {
  const table = fixture.tables.get(fault.api) as RuleCaseTable;
  return sendTableRequest(fault, [fault.id], request, table.world);
}

type Outcome = { kind: 'answer'; status: number } | { kind: 'no answer' } | { kind: 'connection closed'; error: string };

/** Sends a planned request (credentials as the runner adds them) to a mock on the default fixtures, with these faults. */
async function sendPlanned(api: ApiName, faults: string[], request: RequestDocument): Promise<Outcome> {
  const spec = fixture.specs.get(api) as LoadedSpec;
  const mock = await startMock({ config: TEST_CONFIG, faults });
  try {
    const plan = toHttpRequest(mock.url, spec.path, request);
    const headers = await withCredentials(spec, plan, TEST_CONFIG);
    try {
      const response = await httpRequest(plan.url, { method: plan.method as 'POST', headers, body: plan.body, signal: AbortSignal.timeout(HANG_GRACE_MS) });
      await response.body.text();
      return { kind: 'answer', status: response.statusCode };
    } catch (error) {
      const name = (error as Error).name;
      return name === 'TimeoutError' || name === 'AbortError' ? { kind: 'no answer' } : { kind: 'connection closed', error: (error as Error).message };
    }
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
    const when = whenOf(fault);
    if (effect.ignore) {
      const cases = brokenCasesFor(fault.api, fault.breaks);
      const meeting = cases.filter((item) => !effect.ignoreWhen || conditionHolds(effect.ignoreWhen, item.request));
      expect(meeting.length, `a broken case for ${fault.breaks} in the tables${effect.ignoreWhen ? ' meeting ignoreWhen' : ''}`).toBeGreaterThan(0);
      const statuses = await Promise.all(meeting.map(async (item) => (await sendTableRequest(fault, [fault.id], item.request, item.world)).status));
      expect(statuses, 'an invalid request is accepted').toContain(successStatus(spec));
      // Where the fault ignores only some requests, the others are answered as without it (refused, or tolerated as a reading the documents leave open).
      for (const item of cases.filter((candidate) => !meeting.includes(candidate))) {
        const withoutFault = (await sendTableRequest(fault, [], item.request, item.world)).status;
        expect((await sendTableRequest(fault, [fault.id], item.request, item.world)).status, JSON.stringify(item.request.body)).toBe(withoutFault);
      }
    } else if (effect.successStatus !== undefined) {
      expect((await withFault(fault, base)).status).toBe(effect.successStatus);
    } else if (effect.successHeaders) {
      const answer = await withFault(fault, base);
      expect(answer.status).toBe(successStatus(spec));
      for (const name of effect.successHeaders.remove ?? []) expect(answer.headers[name]).toBeUndefined();
      for (const [name, value] of Object.entries(effect.successHeaders.set ?? {})) expect(answer.headers[name]).toBe(value);
    } else if (effect.successBody) {
      const answer = await withFault(fault, base);
      expect(answer.status).toBe(successStatus(spec));
      for (const pointer of effect.successBody.remove ?? []) expect(resolvePointer(answer.json, pointer)).toBeUndefined();
      for (const [pointer, value] of Object.entries(effect.successBody.set ?? {})) expect(resolvePointer(answer.json, pointer)).toEqual(value);
    } else if (when) {
      // A valid request the suite sends (a boundary case of the requirement the fault breaks) meeting `when`.
      const [request] = validBoundaryRequestsMeeting(spec, TEST_CONFIG, fault.breaks, when);
      expect(request, `a valid boundary request for ${fault.breaks} meeting the fault's condition`).toBeDefined();
      const valid = request as RequestDocument;
      expect(await sendPlanned(fault.api, [], valid), 'the conforming mock accepts it').toEqual({ kind: 'answer', status: successStatus(spec) });
      const outcome = await sendPlanned(fault.api, [fault.id], valid);
      if (effect.hang) expect(outcome.kind).toBe('no answer');
      else if (effect.drop) expect(outcome.kind).toBe('connection closed');
      else expect(outcome).toEqual({ kind: 'answer', status: (effect.refuse ?? effect.fail)?.status });
    } else {
      throw new Error(`no demonstration for the effect of ${fault.id}`);
    }
  });
});
