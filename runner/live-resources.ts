import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiName } from '../engine/api-name.ts';
import { lifecycleOf } from '../apis/lifecycle.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { ResourceLedger, type CreatedResource } from './resource-ledger.ts';
import { removeResource, type CleanupContext } from './resource-cleanup.ts';

/** Where the ledger goes: as asked (the CLI asks for it beside --json, see ledgerBesideResults), else in the temporary folder (the path is printed). */
export function ledgerPath(asked: string | undefined, runId: string): string {
  if (asked) return asked;
  return path.join(tmpdir(), `conformance-ledger-${runId}.jsonl`);
}

/** The ledger's place when --json names the results file and --ledger names none: beside the results. */
export function ledgerBesideResults(json: string): string {
  return `${json.replace(/\.json$/, '')}.ledger.jsonl`;
}

interface Counts {
  created: number;
  deleted: number;
  left: { id: string; reason: string }[];
}

/**
 * The resources a run against a live target creates: each is written to the ledger as it is
 * created, and deleted right after its case (settled first, then gone), so every case starts
 * from the same world. An API whose service allows one resource where the cases would create
 * several (one health monitor per pool) runs its cases one at a time.
 */
export class LiveResources {
  private readonly counts = new Map<ApiName, Counts>();
  private readonly locks = new Map<ApiName, Promise<void>>();

  constructor(
    private readonly context: CleanupContext & { ledger: ResourceLedger },
    private readonly cleanup: boolean,
  ) {}

  get ledgerFile(): string {
    return this.context.ledger.file;
  }

  private countsOf(api: ApiName): Counts {
    let counts = this.counts.get(api);
    if (!counts) {
      counts = { created: 0, deleted: 0, left: [] };
      this.counts.set(api, counts);
    }
    return counts;
  }

  /** Records a created resource in the ledger at once (a killed run can still be cleaned). */
  created(resource: CreatedResource): void {
    this.context.ledger.created(resource);
    this.countsOf(resource.api).created += 1;
  }

  /** Deletes what a case created, newest first (a duplicate before the stack it duplicates). */
  async release(spec: LoadedSpec, resources: CreatedResource[]): Promise<void> {
    if (!this.cleanup) return;
    for (const resource of [...resources].reverse()) {
      const outcome = await removeResource(spec, resource, this.context);
      const counts = this.countsOf(resource.api);
      if (outcome.deleted) counts.deleted += 1;
      else counts.left.push({ id: resource.id, reason: outcome.reason });
    }
  }

  /** Runs one case's work; for a serial API, after the previous case of that API has released what it created. */
  async exclusive<T>(api: ApiName, work: () => Promise<T>): Promise<T> {
    if (!this.cleanup || !lifecycleOf(api).serial) return work();
    const previous = this.locks.get(api) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.locks.set(
      api,
      previous.then(() => mine),
    );
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** One line per API that created anything: created, deleted, and what is left with why. */
  summary(): string[] {
    return [...this.counts].map(([api, counts]) => {
      const left = counts.left.length
        ? `; ${counts.left.length} left (${counts.left
            .slice(0, 3)
            .map((item) => `${item.id}: ${item.reason}`)
            .join('; ')})`
        : '';
      const kept = this.cleanup ? '' : ' (--no-cleanup: none deleted)';
      return `${api}: created ${counts.created}, deleted ${counts.deleted}${left}${kept}.`;
    });
  }

  /** How many resources are still on the target by the ledger's count. */
  outstanding(): number {
    return [...this.counts.values()].reduce((sum, counts) => sum + counts.created - counts.deleted, 0);
  }
}
