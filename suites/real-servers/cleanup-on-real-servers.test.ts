import { fixturesFor } from '../support/api-fixtures.ts';
import { mkdtempSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { PreflightError } from '../../engine/errors.ts';
import { outstandingResources } from '../../runner/resource-ledger.ts';
import { configForOracle } from '../support/oracle-configs.ts';
import { ORACLES_INSTALL_HINT, oraclesInstalled, startOracle, type RunningOracle } from '../support/oracle-server.ts';
import { conformanceAsync } from '../support/cli-process.ts';
import { ORACLE_ENVIRONMENT, resourcesLeft, runAgainstOracle } from '../support/real-server-run.ts';

/**
 * A live target's lifecycle against real upstream servers: the preflight stops a run whose
 * fixtures name nothing, a run that keeps what it creates (--no-cleanup) or is interrupted leaves
 * a ledger that `conformance cleanup` empties, and two runs with the same seed do not collide.
 */
const INSTALLED = oraclesInstalled();
const quiet = { console: { write: () => undefined }, progress: { write: () => undefined }, showProgress: false };
const scratch = mkdtempSync(path.join(tmpdir(), 'live-lifecycle-'));

function requireOracles(context: TestContext): void {
  if (INSTALLED) return;
  if (process.env.CI) throw new Error(ORACLES_INSTALL_HINT);
  context.skip(ORACLES_INSTALL_HINT);
}

/** The oracle's config as a file, for the CLI. */
function configFile(oracle: RunningOracle, name: string): string {
  const config = configForOracle(oracle);
  const file = path.join(scratch, `${name}.json`);
  const fixtures = { [oracle.name]: config.fixtures[oracle.name] };
  writeFileSync(file, JSON.stringify({ apis: { [oracle.name]: { target: oracle.url } }, auth: { token: config.auth.token }, fixtures }));
  return file;
}

describe('Nova: a ledger that conformance cleanup empties', () => {
  let oracle: RunningOracle | undefined;
  beforeAll(async () => {
    if (INSTALLED) oracle = await startOracle('compute-servers');
  });
  afterAll(async () => {
    await oracle?.stop();
  });

  it('--no-cleanup leaves what it created in the ledger; cleanup deletes it all', async (context) => {
    requireOracles(context);
    const running = oracle as RunningOracle;
    const ledger = path.join(scratch, 'kept.ledger.jsonl');
    const outcome = await runAgainstOracle(running, quiet, { cleanup: false, ledger, runs: 2 });
    expect(outcome.ledger?.outstanding).toBeGreaterThan(0);
    expect(outstandingResources(ledger).length).toBe(outcome.ledger?.outstanding);
    expect((await resourcesLeft(running)).length).toBeGreaterThanOrEqual(outcome.ledger?.outstanding ?? 1);
    const cleanup = await conformanceAsync(['cleanup', ledger, '--config', configFile(running, 'nova')]);
    expect(cleanup.status, cleanup.stdout + cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(/^deleted compute-servers /m);
    expect(await resourcesLeft(running)).toEqual([]);
    expect(outstandingResources(ledger)).toEqual([]);
    // Nothing left: a second cleanup says so and succeeds.
    expect((await conformanceAsync(['cleanup', ledger, '--config', configFile(running, 'nova')])).stdout).toContain('nothing left to delete');
  });

  it('a run stopped mid-way (what SIGINT does), then cleanup, leaves nothing', async (context) => {
    requireOracles(context);
    const running = oracle as RunningOracle;
    const ledger = path.join(scratch, 'interrupted.ledger.jsonl');
    const stop = new AbortController();
    // Stop as soon as the first resource is in the ledger (the folder's change events say when): the run is then mid-way.
    const watcher = watch(path.dirname(ledger), (_, file) => {
      if (file === path.basename(ledger) && readFileSync(ledger, 'utf8').includes('"event":"created"')) stop.abort();
    });
    const outcome = await runAgainstOracle(running, quiet, { ledger, stop: stop.signal, runs: 50 }).finally(() => watcher.close());
    expect(outcome.complete).toBe(false);
    const cleanup = await conformanceAsync(['cleanup', ledger, '--config', configFile(running, 'nova-2')]);
    expect(cleanup.status, cleanup.stdout + cleanup.stderr).toBe(0);
    expect(await resourcesLeft(running)).toEqual([]);
  });
});

describe('Heat: two runs in a row with the same seed', () => {
  it('both pass: stack names carry a tag of the run, and each run deletes its stacks', async (context) => {
    requireOracles(context);
    const oracle = await startOracle('orchestration-stacks');
    try {
      const first = await runAgainstOracle(oracle, quiet, { runs: 3 });
      const second = await runAgainstOracle(oracle, quiet, { runs: 3 });
      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      expect(await resourcesLeft(oracle)).toEqual([]);
    } finally {
      await oracle.stop();
    }
  });
});

describe('Octavia: the preflight', () => {
  it('stops a run whose pool names nothing with exit 2, naming the fixture, before planning', async (context) => {
    requireOracles(context);
    const oracle = await startOracle('lbaas-healthmonitors', ORACLE_ENVIRONMENT['lbaas-healthmonitors'] ?? {});
    try {
      const config = configForOracle(oracle);
      config.fixtures['lbaas-healthmonitors'] = { ...fixturesFor(config, 'lbaas-healthmonitors'), poolId: '0c0ffee0-0000-4000-8000-00000000beef' };
      const failure = await runAgainstOracle(oracle, quiet, { config }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PreflightError);
      expect((failure as PreflightError).message).toMatch(/answered 404 to the fixtures' valid request/);
      expect((failure as PreflightError).hint).toContain('fixtures.lbaas-healthmonitors.poolId');
      expect(await resourcesLeft(oracle)).toEqual([]);
    } finally {
      await oracle.stop();
    }
  });
});
