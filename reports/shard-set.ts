import type { RunFooter, RunHeader } from '../engine/run/results-document.ts';
import { ResultsFileError } from '../engine/errors.ts';

/**
 * What makes a set of results files one run: one suite version, one seed, and per API either
 * one whole run or every shard 1..N of one plan, each complete. A merge that passes these checks
 * gives the verdicts the unsharded run would have; any other set is refused, naming the cause.
 */

const MERGE_HINT = 'Merge every shard of one run (same seed, specs, fixtures and suite version), each once; runs of different APIs may be merged together.';

interface Headed {
  file: string;
  header: RunHeader;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function listing(groups: Map<string, Headed[]>, label: string): string {
  return [...groups].map(([value, files]) => `${label} ${value} (${files.map((item) => item.file).join(', ')})`).join('; ');
}

function refuse(file: string, message: string): never {
  throw new ResultsFileError(file, message, { hint: MERGE_HINT });
}

function refuseMixed(files: Headed[], what: string, key: (item: Headed) => string): void {
  const groups = groupBy(files, key);
  if (groups.size > 1) refuse((files[0] as Headed).file, `the files come from runs of different ${what}s: ${listing(groups, what)}`);
}

function shardLabel(header: RunHeader): string {
  return header.shard ? `shard ${header.shard.index}/${header.shard.count}` : 'a whole run';
}

/** Per API: one whole run, or the shards 1..N of one plan, each exactly once. */
function checkApiCoverage(api: string, files: Headed[]): void {
  const [first] = files as [Headed, ...Headed[]];
  if (files.some((item) => !item.header.shard)) {
    if (files.length > 1)
      refuse(
        first.file,
        `${api} is in ${files.length} files (${files.map((item) => `${item.file}: ${shardLabel(item.header)}`).join(', ')}): a run given twice, or two runs of the same cases?`,
      );
    return;
  }
  refuseMixed(files, 'shard count', (item) => String(item.header.shard?.count));
  // A shard that ended before planning (exit 2) records no plan: its ending is refused once read.
  const plans = groupBy(
    files.filter((item) => item.header.plans?.[api]),
    (item) => item.header.plans?.[api] as string,
  );
  if (plans.size > 1)
    refuse(
      first.file,
      `the shards of ${api} come from different plans (spec, fixtures, runs or selection differ): ${[...plans.values()].map((group) => group.map((item) => `${item.file} (${shardLabel(item.header)})`).join(', ')).join(' vs ')}`,
    );
  const count = first.header.shard?.count as number;
  const byIndex = groupBy(files, (item) => String(item.header.shard?.index));
  const twice = [...byIndex].filter(([, group]) => group.length > 1);
  if (twice.length)
    refuse(
      (twice[0]?.[1][1] as Headed).file,
      `shard ${twice[0]?.[0]}/${count} of ${api} is given twice (${twice[0]?.[1].map((item) => item.file).join(', ')})`,
    );
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !byIndex.has(String(index)));
  if (missing.length)
    refuse(
      first.file,
      `${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((index) => `${index}/${count}`).join(', ')} of ${api} ${missing.length === 1 ? 'is' : 'are'} missing: the report would pass on work never done`,
    );
}

/** Checks from the headers alone, before a result is read. Returns warnings for what older files cannot tell. */
export function checkRunHeaders(files: Headed[]): string[] {
  refuseMixed(files, 'suite version', (item) => item.header.suiteVersion);
  refuseMixed(files, 'seed', (item) => String(item.header.seed));
  for (const [api, group] of groupBy(
    files.flatMap((item) => item.header.apis.map((name) => ({ name, item }))),
    (entry) => entry.name,
  )) {
    checkApiCoverage(
      api,
      group.map((entry) => entry.item),
    );
  }
  const unrecorded = files.filter((item) => !item.header.plans);
  return unrecorded.length && files.length > 1
    ? [
        `${unrecorded.map((item) => item.file).join(', ')} predate${unrecorded.length === 1 ? 's' : ''} shard and plan records: whether every shard of the same plan is here cannot be checked.`,
      ]
    : [];
}

/** Checks once each file is read: a run that ended with exit 2, or a shard that stopped early, leaves the merged run incomplete. */
export function checkRunEndings(files: (Headed & { footer?: RunFooter })[]): void {
  for (const { file, header, footer } of files) {
    if (footer?.error) refuse(file, `its run ended with exit 2, before any verdict: ${footer.error.message}`);
    if (!header.shard || files.length === 1) continue;
    if (!footer) refuse(file, `${shardLabel(header)} has no summary: its run was killed before it ended`);
    if (!footer.complete)
      refuse(file, `${shardLabel(header)} is incomplete: its run stopped before every case was sent (deadline, interrupt or --max-failures)`);
  }
}
