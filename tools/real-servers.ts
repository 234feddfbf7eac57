/**
 * Runs the conformance suite against the real upstream OpenStack servers of ../shared/oracles.
 *
 *   npx tsx tools/real-servers.ts [--update-expected] [compute-servers|orchestration-stacks|lbaas-healthmonitors]...
 *   npm run real-servers -- compute-servers
 *
 * For each named oracle (all three when none is named): starts it, runs the suite against it
 * (seed 1, --runs 20, the run's console output on stdout), prints the broken explicit
 * requirement ids and how they compare with suites/real-servers/expected-broken.json, stops it.
 * Exit status: 0 every list is the committed one (lbaas-healthmonitors has none yet: its list is
 * only shown); 1 a list differs, or a run did not finish; 2 usage error, or an oracle did not start.
 *
 * With --update-expected, the lists of compute-servers and orchestration-stacks found by this
 * run are written into expected-broken.json (then docs/real-servers.md must explain any new id).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { ORACLE_NAMES, ORACLES_INSTALL_HINT, oraclesInstalled, startOracle, type OracleName } from '../suites/support/oracle-server.ts';
import {
  ORACLE_ENVIRONMENT,
  brokenDifference,
  brokenExplicit,
  EXPECTED_BROKEN_FILE,
  readExpectedBroken,
  REAL_SERVER_RUNS,
  REAL_SERVER_SEED,
  runAgainstOracle,
} from '../suites/support/real-server-run.ts';

const UPDATE_FLAG = '--update-expected';
/** The oracles the committed list covers (a full lbaas-healthmonitors run needs lifecycle work first). */
const RECORDED: OracleName[] = ['compute-servers', 'orchestration-stacks'];

function parseNames(args: string[]): OracleName[] | string {
  const unknown = args.filter((arg) => !(ORACLE_NAMES as readonly string[]).includes(arg));
  if (unknown.length)
    return `unknown argument ${unknown.map((arg) => JSON.stringify(arg)).join(', ')}; usage: tsx tools/real-servers.ts [${UPDATE_FLAG}] [${ORACLE_NAMES.join('|')}]...`;
  return args.length ? [...new Set(args as OracleName[])] : [...ORACLE_NAMES];
}

async function main(args: string[]): Promise<number> {
  const update = args.includes(UPDATE_FLAG);
  const names = parseNames(args.filter((arg) => arg !== UPDATE_FLAG));
  if (typeof names === 'string') {
    process.stderr.write(`${names}\n`);
    return 2;
  }
  if (!oraclesInstalled()) {
    process.stderr.write(`${ORACLES_INSTALL_HINT}\n`);
    return 2;
  }
  const expected = readExpectedBroken();
  const lists: string[] = [];
  let status = 0;
  for (const name of names) {
    process.stdout.write(`\n=== ${name}: starting the oracle ===\n`);
    let oracle;
    try {
      oracle = await startOracle(name, ORACLE_ENVIRONMENT[name] ?? {});
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    try {
      const checked = await checkAgainstServer(name, oracle, expected, update);
      if (checked.failed) status = 1;
      lists.push(checked.list);
      process.stdout.write(`\n${checked.list}\n`);
    } finally {
      await oracle.stop();
    }
  }
  if (names.length > 1) process.stdout.write(`\n=== broken explicit requirements per server ===\n${lists.join('\n')}\n`);
  return status;
}

/** One server's run: its broken explicit requirements, compared with (or, with --update, written to) the committed list. */
async function checkAgainstServer(
  name: OracleName,
  oracle: Awaited<ReturnType<typeof startOracle>>,
  expected: ReturnType<typeof readExpectedBroken>,
  update: boolean,
): Promise<{ list: string; failed: boolean }> {
  const committed = path.relative(PROJECT_ROOT, EXPECTED_BROKEN_FILE);
  const started = Date.now();
  process.stdout.write(`${name}: oracle on ${oracle.url} (pid ${oracle.pid}); seed ${REAL_SERVER_SEED}, runs ${REAL_SERVER_RUNS}\n`);
  if (name === 'lbaas-healthmonitors')
    process.stdout.write(
      'note: a pool takes one health monitor and the suite does not delete what it creates yet, so later valid creates on the same pool get 409.\n',
    );
  const outcome = await runAgainstOracle(oracle, {
    console: process.stdout,
    progress: process.stderr,
    showProgress: Boolean(process.stderr.isTTY) && !process.env.CI,
  });
  const broken = brokenExplicit(outcome);
  if (update && RECORDED.includes(name)) {
    expected[name] = broken;
    const ordered = Object.fromEntries(ORACLE_NAMES.filter((key) => expected[key] !== undefined).map((key) => [key, expected[key]]));
    writeFileSync(EXPECTED_BROKEN_FILE, `${JSON.stringify(ordered, null, 2)}\n`);
    process.stdout.write(`${name}: its list is written to ${committed}\n`);
  }
  const list = [
    `${name}: ${broken.length} broken explicit requirement(s), ${outcome.cases} cases, run ${(outcome.durationMs / 1000).toFixed(1)} s, with start and stop ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ...broken.map((id) => `  - ${id}`),
  ];
  let failed = !outcome.complete;
  const committedList = expected[name];
  if (committedList === undefined) {
    list.push(`  (${committed} has no list for ${name}: not compared)`);
  } else {
    const difference = brokenDifference(outcome, committedList);
    if (difference.message) {
      list.push(`  differs from ${committed}:`, ...difference.message.split('\n').map((line) => `  ${line}`));
      failed = true;
    } else list.push(`  same as ${committed}`);
  }
  return { list: list.join('\n'), failed };
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
