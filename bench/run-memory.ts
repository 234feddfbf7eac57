// Benchmark of whole runs as a user starts them: the wall time of a default run, and the peak
// memory of runs of about 10,000, 50,000 and 100,000 cases (it must stay flat: results stream
// to disk, plans stream from the generators). Each run is its own process, measured by
// /usr/bin/time. Run: npm run bench (BENCH_MEMORY_RUNS="2000 10000 20000" sets the sizes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../engine/project-files.ts';

const TIME = '/usr/bin/time';
const HEAP_CAP_MB = 192;
const SIZES = (process.env.BENCH_MEMORY_RUNS ?? '2000 10000 20000').split(/\s+/).filter(Boolean).map(Number);

function line(label: string, value: string): void {
  console.log(`${label.padEnd(60)} ${value}`);
}

interface Measured {
  seconds: number;
  maxRssMiB: number;
  cases: number;
  exitCode: number | null;
}

function measure(nodeFlags: string[], runArgs: string[]): Measured {
  const child = spawnSync(TIME, ['-f', '%e %M', process.execPath, ...nodeFlags, path.join(PROJECT_ROOT, 'bin', 'conformance.js'), 'run', ...runArgs], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const [seconds, kilobytes] = (child.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  const cases = Number(/(\d+) cases against/.exec(child.stdout)?.[1] ?? NaN);
  return { seconds: seconds ?? NaN, maxRssMiB: (kilobytes ?? NaN) / 1024, cases, exitCode: child.status };
}

if (!existsSync(TIME)) {
  console.log(`${TIME} is missing (apt-get install -y time): the whole-run measures are skipped.`);
  process.exit(0);
}
const folder = mkdtempSync(path.join(tmpdir(), 'memory-bench-'));
try {
  const defaults = [1, 2, 3].map(() => measure([], ['--seed', '1']));
  line(
    'default run (`run --seed 1`: 5 APIs, --runs 50), wall time',
    `${defaults.map((m) => `${m.seconds.toFixed(2)} s`).join(', ')} (${defaults[0]?.cases} cases)`,
  );
  line('default run, peak RSS', `${defaults.map((m) => `${m.maxRssMiB.toFixed(0)} MiB`).join(', ')}`);
  for (const runs of SIZES) {
    const capped = measure([`--max-old-space-size=${HEAP_CAP_MB}`], ['--seed', '1', '--runs', String(runs), '--json', path.join(folder, `r${runs}.json`)]);
    line(
      `--runs ${runs}, heap capped at ${HEAP_CAP_MB} MB`,
      `${capped.cases} cases, ${capped.seconds.toFixed(1)} s, peak RSS ${capped.maxRssMiB.toFixed(0)} MiB, exit ${capped.exitCode}`,
    );
  }
  const largest = SIZES.at(-1);
  if (largest !== undefined) {
    const free = measure([], ['--seed', '1', '--runs', String(largest), '--json', path.join(folder, 'free.json')]);
    line(
      `--runs ${largest}, V8's default heap`,
      `${free.cases} cases, ${free.seconds.toFixed(1)} s, peak RSS ${free.maxRssMiB.toFixed(0)} MiB, exit ${free.exitCode}`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
