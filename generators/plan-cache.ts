import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiName } from '../engine/api-name.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { fixturesOf } from '../apis/api-fixtures.ts';
import { secretValues } from '../apis/config.ts';
import { canonicalJson } from './schema/canonical-json.ts';
import type { BoundaryPlan, BoundaryStore, PlanOptions } from './case-planner.ts';
import { adoptKeptSchemaValues, keepSchemaValues } from './schema-values-cache.ts';

/** Where plans are kept when no --cache-dir is given: npm's conventional cache folder of the project. */
export const DEFAULT_PLAN_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'cloud-create-conformance', 'plans');

/** The newest plans kept; older ones are deleted as new ones are written (a random seed per run writes one each time). */
export const PLAN_CACHE_ENTRIES = 64;

/** The code and data a plan is made from: a change to any of them (a spec, a generator, a dependency's pin) is a new plan. */
const PLANNING_SOURCES = ['engine', 'apis', 'generators'];

let fingerprint: string | undefined;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of every file planning reads or runs, and of package.json (the version and the pinned dependencies). */
export function planningFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const files = [path.join(PROJECT_ROOT, 'package.json'), ...PLANNING_SOURCES.flatMap((folder) => filesUnder(path.join(PROJECT_ROOT, folder)))];
  for (const file of files) hash.update(path.relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  fingerprint = hash.digest('hex');
  return fingerprint;
}

export interface PlanCacheKey {
  api: ApiName;
  config: ConformanceConfig;
  seed: number;
  runId?: string;
}

/** One API's plan of one seed: the same whatever the run sends of it (--runs, a shard, --include). */
export function planCacheKey({ api, config, seed, runId }: PlanCacheKey): string {
  const inputs = { format: 1, planning: planningFingerprint(), api, fixtures: fixturesOf(api, config), seed, runId: runId ?? null };
  return createHash('sha256').update(canonicalJson(inputs)).digest('hex').slice(0, 32);
}

function keepNewest(directory: string, count: number): void {
  const entries = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ file: path.join(directory, name), modified: statSync(path.join(directory, name)).mtimeMs }))
    .sort((left, right) => right.modified - left.modified);
  for (const { file } of entries.slice(count)) rmSync(file, { force: true });
}

function readPlan(file: string): BoundaryPlan | undefined {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as BoundaryPlan;
    return Array.isArray(kept.cases) && Array.isArray(kept.counters) ? kept : undefined;
  } catch {
    // Absent, half-written by a killed process, or not ours: planned anew, and written again.
    return undefined;
  }
}

/**
 * The schemas' values alone, the same for any run: a live run's whole store (its tag, new each
 * run, is in every unique name, so its boundary plan is never read again and none is kept), and
 * part of every other's.
 */
function schemaValuesOnlyStore(directory: string): BoundaryStore {
  return {
    read() {
      adoptKeptSchemaValues(directory, planningFingerprint());
      return undefined;
    },
    write() {
      keepSchemaValues(directory, planningFingerprint());
    },
  };
}

/**
 * A store of one API's boundary plan on disk. A plan holding a secret (a private key sent in the
 * body) is never written: the cache is a file anyone with the project's folder can read.
 * Writing is best effort: a read-only folder costs the next run its planning, nothing else.
 */
export function diskBoundaryStore(directory: string, key: PlanCacheKey): BoundaryStore {
  const file = path.join(directory, `${key.api}-${planCacheKey(key)}.json`);
  const secrets = secretValues(key.config);
  const schemaValues = schemaValuesOnlyStore(directory);
  return {
    read() {
      // A plan not kept is made here: with the schemas' values any earlier run made, whatever its seed.
      schemaValues.read();
      return readPlan(file);
    },
    write(plan) {
      // Made from the schemas alone, never from the config: no secret is in them.
      schemaValues.write(plan);
      const text = JSON.stringify(plan);
      if (secrets.some((secret) => text.includes(secret))) return;
      try {
        mkdirSync(directory, { recursive: true });
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, text);
        renameSync(partial, file);
        keepNewest(directory, PLAN_CACHE_ENTRIES);
      } catch {
        // Best effort, as said above.
      }
    },
  };
}

/** How a run plans: the seed, the random cases per API, the live run's tag, and where boundary plans and schema values are kept (absent: nowhere). */
export interface RunPlanning {
  config: ConformanceConfig;
  seed: number;
  runs: number;
  runId?: string;
  cacheDir?: string;
}

function boundaryStoreOf(api: ApiName, { config, seed, runId, cacheDir }: RunPlanning): BoundaryStore | undefined {
  if (!cacheDir) return undefined;
  return runId ? schemaValuesOnlyStore(cacheDir) : diskBoundaryStore(cacheDir, { api, config, seed });
}

/** One API's planner options for a run: on the run's own thread and in a planning thread alike. */
export function apiPlanOptions(api: ApiName, planning: RunPlanning): PlanOptions {
  const { seed, runs, runId } = planning;
  const boundaryStore = boundaryStoreOf(api, planning);
  return { seed, runs, ...(runId ? { runId } : {}), ...(boundaryStore ? { boundaryStore } : {}) };
}
