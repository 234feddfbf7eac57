/**
 * `npm run mutation`: the suite's proof of power. Runs the conformance run against the conforming
 * mock (strict and lenient: no false alarm allowed), then against the mock with each fault of
 * apis/<api>/faults.yaml in turn, and prints a row per fault as it completes: fault, kind, killed?, by
 * which requirement, time; then the kill rate and the wall time.
 * Exit 0 only when every fault is killed and both conforming runs pass; 1 otherwise; 2 on bad options.
 *
 *     npm run mutation [-- --seed N --runs N --timeout MS]
 */
import { parseArgs } from 'node:util';
import { faultCatalogue } from '../mock/fault-catalogue.ts';
import { runMutationCampaign } from '../cli/mutation-campaign.ts';
import { formatConforming, formatHeader, formatKillRate, formatRow, tableLayout } from '../cli/mutation-table.ts';

function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return number;
}

const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string' }, timeout: { type: 'string' } }, strict: true });
const seed = integerOption('seed', values.seed, 7);
const runs = integerOption('runs', values.runs, 5);
const timeoutMs = integerOption('timeout', values.timeout, 1000);

const started = performance.now();
const faults = faultCatalogue();
const layout = tableLayout(faults);
const out = (text: string): void => void process.stdout.write(text);

out(`Mutation campaign: ${faults.length} faults of apis/<api>/faults.yaml, seed ${seed}, ${runs} random requests per API, strict.\n\n`);
let headerShown = false;
const result = await runMutationCampaign({
  faults,
  seed,
  runs,
  timeoutMs,
  onConforming: (run) => {
    out(formatConforming(run));
    if (!run.passed) out(run.output.replace(/^/gm, '    '));
  },
  onRow: (row) => {
    if (!headerShown) out(`\n${formatHeader(layout)}`);
    headerShown = true;
    out(formatRow(row, layout));
  },
});

out(`\n${formatKillRate(result)}`);
for (const run of result.conforming) out(formatConforming(run));
out(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s (planning ${(result.planMs / 1000).toFixed(1)} s)\n`);
if (!result.passed) {
  const survivors = result.rows.filter((row) => !row.killed).map((row) => row.id);
  if (survivors.length) out(`\nSurvivors (gaps in the suite to close): ${survivors.join(', ')}\n`);
  if (result.conforming.some((run) => !run.passed)) out('A run against the conforming mock failed: a false alarm.\n');
}
process.exit(result.passed ? 0 : 1);
