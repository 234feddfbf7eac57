import { fixturesFor } from '../support/api-fixtures.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CaseResult } from '../../engine/run/run-model.ts';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { PROJECT_ROOT } from '../../engine/project-files.ts';
import type { ReportedRunOutcome } from '../../cli/run-with-reporters.ts';
import { configForOracle } from '../support/oracle-configs.ts';
import {
  ORACLE_NAMES,
  ORACLES_INSTALL_HINT,
  oraclesInstalled,
  OracleStartError,
  startOracle,
  type OracleName,
  type RunningOracle,
} from '../support/oracle-server.ts';
import {
  ORACLE_ENVIRONMENT,
  resourcesLeft,
  brokenDifference,
  brokenExplicit,
  EXPECTED_BROKEN_FILE,
  readExpectedBroken,
  REAL_SERVERS_DOC,
  runAgainstOracle,
} from '../support/real-server-run.ts';

/**
 * The suite against real upstream OpenStack code (../shared/oracles): Nova and Heat each break
 * exactly the explicit requirements listed in expected-broken.json, each of which
 * docs/real-servers.md explains. Octavia only as a smoke test of the harness for now (a full
 * run needs lifecycle work: a pool takes one health monitor, and the suite deletes nothing).
 *
 * `npm run test:real-servers` (not part of `npm test`). Without the oracles installed the tests
 * are skipped, and fail under CI.
 */

const INSTALLED = oraclesInstalled();
const FULL_RUNS: OracleName[] = ['compute-servers', 'orchestration-stacks', 'lbaas-healthmonitors'];

/** Not installed: a failure under CI (it must run there), a skip with the reason elsewhere. */
function requireOracles(context: TestContext): void {
  if (INSTALLED) return;
  if (process.env.CI) throw new Error(ORACLES_INSTALL_HINT);
  context.skip(ORACLES_INSTALL_HINT);
}

describe('expected-broken.json', () => {
  const expected = readExpectedBroken();

  it('has a sorted list of distinct ids of its own API for each fully run oracle, and nothing else', () => {
    expect(Object.keys(expected).sort()).toEqual([...FULL_RUNS].sort());
    for (const name of FULL_RUNS) {
      const ids = expected[name] ?? [];
      expect(ids, name).toEqual([...new Set(ids)].sort());
      for (const id of ids) expect(id.startsWith(`${name}/`), id).toBe(true);
    }
  });

  it('docs/real-servers.md has one section per id, and no other', () => {
    const doc = readFileSync(REAL_SERVERS_DOC, 'utf8');
    const headings = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((match) => match[1]).sort();
    expect(headings, `${path.relative(PROJECT_ROOT, REAL_SERVERS_DOC)} against ${path.relative(PROJECT_ROOT, EXPECTED_BROKEN_FILE)}`).toEqual(
      Object.values(expected).flat().sort(),
    );
    for (const id of headings)
      expect(doc, id).toMatch(new RegExp(`### \`${id}\`\\n- \\*\\*Document\\*\\*[\\s\\S]+?\\*\\*Request\\*\\*[\\s\\S]+?\\*\\*Why it is real\\*\\*`));
  });
});

describe.each(FULL_RUNS)('%s: the suite against the upstream server', (name) => {
  let oracle: RunningOracle | undefined;
  let outcome: ReportedRunOutcome | undefined;
  let output = '';
  let resultsFile = '';

  beforeAll(async () => {
    if (!INSTALLED) return;
    oracle = await startOracle(name, ORACLE_ENVIRONMENT[name] ?? {});
    resultsFile = path.join(mkdtempSync(path.join(tmpdir(), `real-${name}-`)), 'results.json');
    outcome = await runAgainstOracle(
      oracle,
      {
        console: { write: (text: string) => void (output += text) },
        progress: { write: () => undefined },
        showProgress: false,
      },
      { json: resultsFile },
    );
  });
  afterAll(async () => {
    await oracle?.stop();
  });

  it('runs every planned case', (context) => {
    requireOracles(context);
    expect(outcome?.complete, output).toBe(true);
    expect(outcome?.cases).toBeGreaterThan(0);
  });

  it('deletes everything it created: the server lists none, and the ledger has nothing outstanding', async (context) => {
    requireOracles(context);
    expect(outcome?.ledger?.outstanding, output).toBe(0);
    expect(await resourcesLeft(oracle as RunningOracle)).toEqual([]);
    expect(output).toMatch(/Cleanup: .*created (\d+), deleted \1\./);
  });

  it.runIf(name === 'lbaas-healthmonitors')(
    'shows timeout < delay broken by a negative case the server accepted, and meets no 409 of its own making',
    (context) => {
      requireOracles(context);
      const run = outcome as ReportedRunOutcome;
      const row = run.report.requirements.find((requirement) => requirement.id === 'lbaas-healthmonitors/timeout-lt-delay');
      expect(row?.verdict, output).toBe('broken');
      const counterexample = row?.counterexamples[0];
      expect(counterexample?.polarity).toBe('negative');
      expect(counterexample?.response?.status).toBe(201);
      expect(counterexample?.curl).toContain('"timeout":6');
      // The only 409s are the busy pool's, which its case expects: none comes from the suite's own monitors.
      const results = (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: CaseResult[] }).results;
      const conflicts = results.filter((result) => result.response?.status === 409).map((result) => result.caseId);
      // The busy pool's negatives: from the base and from each other valid request (another type…).
      expect(conflicts.length).toBeGreaterThan(0);
      expect(conflicts.filter((id) => !id.startsWith('lbaas-healthmonitors/load-balancer-active#negative-'))).toEqual([]);
    },
  );

  it('breaks exactly the explicit requirements of expected-broken.json', (context) => {
    requireOracles(context);
    const run = outcome as ReportedRunOutcome;
    const expected = readExpectedBroken()[name] ?? [];
    const difference = brokenDifference(run, expected);
    expect(brokenExplicit(run), `${name} against ${oracle?.url}:\n${difference.message}`).toEqual(expected);
  });
});

describe('the oracle harness', () => {
  it('starts lbaas-healthmonitors (Octavia), reads its fixtures into a config, and stops it', async (context) => {
    requireOracles(context);
    const oracle = await startOracle('lbaas-healthmonitors');
    let stopped = false;
    try {
      expect(oracle.url).toBe(`http://127.0.0.1:${oracle.port}`);
      expect(oracle.fixtures).toMatchObject({ pools: { active_http: expect.any(String), on_pending_update_lb: expect.any(String) } });
      const config = configForOracle(oracle);
      expect(config.apis['lbaas-healthmonitors']?.target).toBe(oracle.url);
      expect(fixturesFor(config, 'lbaas-healthmonitors')).toEqual({
        tenantId: (oracle.fixtures as { project_id: string }).project_id,
        poolId: '74aa2010-a59f-4d35-a436-60a6da882819',
        busyPoolId: '5e0c7a2b-0000-4000-8000-0000000000b2',
        callerIsAdmin: true,
      });
      await oracle.stop();
      stopped = true;
      // Stopped means gone: the port no longer answers.
      await expect(fetch(`${oracle.url}/_oracle/fixtures`)).rejects.toThrow();
    } finally {
      if (!stopped) await oracle.stop();
    }
  });

  it('builds the Nova and Heat configs from their fixtures', () => {
    const project = 'fd57c99ad0d7491fa496a3ac9a44eb7c';
    const nova = {
      project_id: project,
      images: {
        queued: { status: 'queued', min_ram: 0 },
        big: { status: 'active', min_ram: 8192 },
        'a3bf7a3d-f842-4bb7-b005-cbe8e42fc843': { status: 'active', min_ram: 0 },
      },
      key_name: 'oracle-key',
      availability_zone: 'nova',
    };
    const config = configForOracle({ name: 'compute-servers', url: 'http://127.0.0.1:1', fixtures: nova } as RunningOracle);
    expect(config.auth.token).toBe('oracle-member-token');
    expect(fixturesFor(config, 'compute-servers')).toEqual({
      projectId: project,
      flavorRef: '1',
      imageRef: 'a3bf7a3d-f842-4bb7-b005-cbe8e42fc843',
      keyName: 'oracle-key',
      availabilityZone: 'nova',
    });
    const heat = configForOracle({ name: 'orchestration-stacks', url: 'http://127.0.0.1:2', fixtures: { project_id: project } } as RunningOracle);
    expect(fixturesFor(heat, 'orchestration-stacks')).toEqual({ tenantId: project });
    expect(heat.apis['orchestration-stacks']?.target).toBe('http://127.0.0.1:2');
  });

  it('says why when an oracle exits before printing its port, with the tail of its stderr', async (context) => {
    requireOracles(context);
    // A Python home that does not exist: the interpreter dies at once, saying so on stderr.
    const failure = await startOracle('orchestration-stacks', { PYTHONHOME: '/nonexistent-python-home' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OracleStartError);
    expect((failure as Error).message).toMatch(/orchestration-stacks did not start: it exited with status \d+ before printing its port/);
    expect((failure as Error).message).toMatch(/nonexistent-python-home|encodings/);
  });

  it('knows the three oracles', () => {
    expect([...ORACLE_NAMES]).toEqual(['compute-servers', 'orchestration-stacks', 'lbaas-healthmonitors']);
  });
});
