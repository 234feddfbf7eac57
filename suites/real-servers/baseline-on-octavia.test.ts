import { fixturesFor } from '../support/api-fixtures.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { configForOracle } from '../support/oracle-configs.ts';
import { ORACLES_INSTALL_HINT, oraclesInstalled, startOracle, type RunningOracle } from '../support/oracle-server.ts';
import { conformanceAsync, type CliRun } from '../support/cli-process.ts';
import { ORACLE_ENVIRONMENT, readExpectedBroken } from '../support/real-server-run.ts';

/**
 * The CI gate against a cloud with known deviations, on upstream Octavia: a baseline recorded
 * from one run makes the next pass (known), a deviation the baseline lacks fails it (new), and an
 * entry for a requirement Octavia keeps shows as fixed. The run is narrowed with --include to two
 * requirements Octavia breaks (docs/real-servers.md) and one it keeps.
 */

const INSTALLED = oraclesInstalled();
const BROKEN = ['lbaas-healthmonitors/delay-is-integer', 'lbaas-healthmonitors/timeout-lt-delay'];
const HELD = 'lbaas-healthmonitors/type-valid-values';
const SELECTION = [...BROKEN, HELD].flatMap((id) => ['--include', id]);

function requireOracles(context: TestContext): void {
  if (INSTALLED) return;
  if (process.env.CI) throw new Error(ORACLES_INSTALL_HINT);
  context.skip(ORACLES_INSTALL_HINT);
}

describe('Octavia: baseline, then run --baseline', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavia-baseline-'));
  const file = (name: string) => path.join(dir, name);
  let oracle: RunningOracle | undefined;
  let recorded: CliRun;
  let made: CliRun;
  const run = (...more: string[]) =>
    conformanceAsync([
      'run',
      '--config',
      file('config.json'),
      '--api',
      'lbaas-healthmonitors',
      '--label',
      'octavia-loopback',
      '--seed',
      '1',
      '--runs',
      '1',
      '--concurrency',
      '1',
      '--timeout',
      '30',
      ...SELECTION,
      ...more,
    ]);

  beforeAll(async () => {
    if (!INSTALLED) return;
    oracle = await startOracle('lbaas-healthmonitors', ORACLE_ENVIRONMENT['lbaas-healthmonitors'] ?? {});
    const config = configForOracle(oracle);
    writeFileSync(
      file('config.json'),
      JSON.stringify({
        apis: { 'lbaas-healthmonitors': { target: oracle.url } },
        auth: { token: config.auth.token },
        fixtures: { 'lbaas-healthmonitors': fixturesFor(config, 'lbaas-healthmonitors') },
      }),
    );
    recorded = await run('--json', file('recorded.json'));
    made = await conformanceAsync([
      'baseline',
      file('recorded.json'),
      '--reason',
      'Octavia deviates; see docs/real-servers.md',
      '--link',
      'https://bugs.launchpad.net/octavia',
    ]);
    writeFileSync(file('baseline.json'), made.stdout);
  }, 300_000);

  afterAll(async () => {
    await oracle?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the recorded run fails on the deviations docs/real-servers.md lists, and the baseline holds exactly those, for this target', (context) => {
    requireOracles(context);
    expect(readExpectedBroken()['lbaas-healthmonitors']).toEqual(expect.arrayContaining(BROKEN));
    expect(recorded.status, recorded.stdout + recorded.stderr).toBe(1);
    expect(made.status, made.stderr).toBe(0);
    const baseline = JSON.parse(made.stdout) as { entries: { requirement: string; target?: string }[] };
    expect(baseline.entries.map((entry) => entry.requirement).sort()).toEqual(BROKEN);
    expect(new Set(baseline.entries.map((entry) => entry.target))).toEqual(new Set(['octavia-loopback']));
  });

  it('the next run with the baseline exits 0 and shows them as known', async (context) => {
    requireOracles(context);
    const again = await run('--baseline', file('baseline.json'), '--junit', file('known.xml'));
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`: 0 new`);
    expect(again.stdout).toContain(`2 known (broken, as expected): ${BROKEN.join(', ')}`);
    expect(readFileSync(file('known.xml'), 'utf8')).toMatch(/<testsuite name="lbaas-healthmonitors" tests="\d+" failures="0"/);
  });

  it('a deviation the baseline lacks is new: exit 1, naming it', async (context) => {
    requireOracles(context);
    const baseline = JSON.parse(made.stdout) as { baselineVersion: 1; entries: { requirement: string }[] };
    writeFileSync(file('partial.json'), JSON.stringify({ ...baseline, entries: baseline.entries.filter((entry) => entry.requirement !== BROKEN[0]) }));
    const again = await run('--baseline', file('partial.json'));
    expect(again.status).toBe(1);
    expect(again.stdout).toContain(`: 1 new: ${BROKEN[0]}`);
  });

  it('an entry for a requirement Octavia keeps shows as fixed: exit 0, exit 1 with --strict-baseline', async (context) => {
    requireOracles(context);
    const baseline = JSON.parse(made.stdout) as { baselineVersion: 1; entries: object[] };
    writeFileSync(
      file('stale.json'),
      JSON.stringify({ ...baseline, entries: [...baseline.entries, { requirement: HELD, reason: 'once broken', target: 'octavia-loopback' }] }),
    );
    const again = await run('--baseline', file('stale.json'));
    expect(again.status, again.stdout).toBe(0);
    expect(again.stdout).toContain(`1 fixed (remove from baseline): ${HELD}`);
    expect((await run('--baseline', file('stale.json'), '--strict-baseline')).status).toBe(1);
  });
});
