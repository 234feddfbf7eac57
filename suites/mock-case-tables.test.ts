// The hand-written case tables (rule cases and violation cases) replayed against the embedded
// mock over HTTP: every case that breaks one requirement gets that requirement's documented
// status and names it; every case that breaks nothing gets the documented success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { type ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { type ConformanceConfig } from '../engine/config/config-model.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { expectedStatuses, RESPONSE_RULE_KINDS } from '../engine/spec/requirement-model.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import { readRuleCaseTable, readViolationGroups, requestOf, worldOfCase, type RuleCase, type RuleCaseTable } from './support/rule-case-table.ts';
import { requestFailures } from '../engine/rules/request-failures.ts';
import { toleratedBreaches } from '../engine/rules/reasonable-readings.ts';
import { send, successStatus } from './support/mock-client.ts';

const config: ConformanceConfig = { ...DEFAULT_CONFIG, auth: { ...DEFAULT_CONFIG.auth, token: 'good-token' } };

const specs = new Map<ApiName, LoadedSpec>(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));
const tables = new Map<ApiName, RuleCaseTable>(API_NAMES.map((api) => [api, readRuleCaseTable(api)]));

interface Replay {
  api: ApiName;
  id: string;
  testCase: RuleCase;
}

/** Cases about credentials are the auth tests' business: the mock verifies real tokens and signatures. */
function replayable(spec: LoadedSpec, id: string): boolean {
  const rule = requirementById(spec, id)?.rule;
  return !rule || (rule.kind !== 'authenticated' && !RESPONSE_RULE_KINDS.includes(rule.kind));
}

/**
 * A mock always knows what it holds, so `undecided` cases (a target that told us nothing) do
 * not apply to it; nor does a method other than POST that the document lets through (listing).
 */
function appliesToMock(testCase: RuleCase): boolean {
  const method = testCase.set?.['/method'];
  return (
    testCase.verdict !== 'undecided' && !(testCase.verdict !== 'broken' && typeof method === 'string' && method !== 'POST') && !touchesCredentials(testCase)
  );
}

/** Credential headers (the token; SigV4's signed headers) are checked for real by the mock: see mock-auth.test.ts. */
const CREDENTIAL_HEADERS = ['/header/x-auth-token', '/header/authorization', '/header/x-amz-date', '/header/x-amz-content-sha256', '/header/host'];

function touchesCredentials(testCase: RuleCase): boolean {
  const pointers = [...Object.keys(testCase.set ?? {}), ...(testCase.unset ?? [])];
  return pointers.some((pointer) => CREDENTIAL_HEADERS.some((header) => pointer === header || pointer.startsWith(`${header}/`)));
}

const replays: Replay[] = API_NAMES.flatMap((api) => {
  const spec = specs.get(api) as LoadedSpec;
  const groups = [...(tables.get(api)?.groups ?? []), ...readViolationGroups(api)];
  return groups
    .filter((group) => replayable(spec, group.requirement))
    .flatMap((group) => group.tests.filter(appliesToMock).map((testCase) => ({ api, id: group.requirement, testCase })));
});

let mock: RunningMock;
let currentWorlds = '';

async function mockWith(worlds: Partial<Record<ApiName, WorldData>>): Promise<RunningMock> {
  const key = JSON.stringify(worlds);
  if (mock && key === currentWorlds) {
    mock.reset();
    return mock;
  }
  if (mock) await mock.close();
  mock = await startMock({ config, worlds });
  currentWorlds = key;
  return mock;
}

const tableWorlds = Object.fromEntries(API_NAMES.map((api) => [api, tables.get(api)?.world ?? {}])) as Record<ApiName, WorldData>;

beforeAll(async () => {
  await mockWith(tableWorlds);
});
afterAll(async () => {
  await mock?.close();
});

describe.each(API_NAMES)('mock replays the %s case tables', (api) => {
  const spec = specs.get(api) as LoadedSpec;
  const table = tables.get(api) as RuleCaseTable;

  it('accepts the base request with the documented success status', async () => {
    const running = await mockWith(tableWorlds);
    const answer = await send(running.url, spec, table.base, { sigv4: config.auth.sigv4 });
    expect(answer.status, answer.text).toBe(successStatus(spec));
  });

  const cases = replays.filter((replay) => replay.api === api);
  it.each(cases)('$id: $testCase.description', async ({ id, testCase }) => {
    const world = worldOfCase(table, testCase);
    const running = await mockWith({ ...tableWorlds, [api]: world ?? {} });
    const request = requestOf(table.base, testCase);
    // What the documents' own examples send (tolerated by an erratum) both personalities accept.
    const tolerated = toleratedBreaches(spec, request, world);
    const failures = requestFailures(spec, request, world).filter((failure) => replayable(spec, failure) && !tolerated.includes(failure));
    const answer = await send(running.url, spec, request, { sigv4: config.auth.sigv4 });
    if (testCase.verdict === 'broken' && failures.length === 1) {
      const requirement = requirementById(spec, id);
      expect(expectedStatuses(requirement ?? { id, level: 'explicit', cite: { section: '', quote: '' } }), answer.text).toContain(answer.status);
      expect(answer.headers['x-conformance-requirement']).toBe(id);
    } else if (failures.length === 0) {
      expect(answer.status, answer.text).toBe(successStatus(spec));
    } else {
      // Several requirements broken at once: any of their statuses, never a success or a 5xx.
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
  });
});
