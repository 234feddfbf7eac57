import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiName } from '../engine/api-name.ts';
import { CarriedWorkerError } from '../engine/errors.ts';
import { COMPILED_FOLDER, PROJECT_ROOT } from '../engine/project-files.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { BATCHES_AHEAD, type CarriedError, type FromWorker, type PlanHeader, type PlanOrder } from './plan-messages.ts';

/** From this many random cases on, planning threads pay for their start (about 0.5–1 s of loading the planner again, each). */
export const WORKERS_FROM_RANDOM_CASES = 1000;

/**
 * For a long run, a worker on every core but one: the run's own thread sends and checks, and is
 * the bottleneck as soon as it shares its core (on 2 cores, 2 workers made a 1,000-run run slower
 * than 1). None for a short run, which the run's own thread plans sooner than a thread could start.
 */
export function defaultPlanWorkers(randomCases: number): number {
  return randomCases >= WORKERS_FROM_RANDOM_CASES ? Math.max(1, availableParallelism() - 1) : 0;
}

/** An API's plan as a worker makes it: its header once its boundary cases are planned, its cases as they are taken. */
export interface WorkerPlan {
  header: Promise<PlanHeader>;
  cases: AsyncIterable<PlannedCase>;
}

interface Batch {
  cases: PlannedCase[];
  done: boolean;
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

// The worker boots from a script, not a file: from the TypeScript sources it must register tsx first, from the build it needs not.
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

export interface WorkerEntry {
  entry: string;
  /** From the sources without a fresh build: tsx's ESM API, registered before the entry is imported. */
  tsx?: string;
}

/** The compiled worker: its modules bundled in one file by the build (tools/bundle-plan-worker.mjs), else one by one. */
export function compiledWorker(folder: string): string {
  const bundle = path.join(folder, 'plan-worker.bundle.js');
  return pathToFileURL(existsSync(bundle) ? bundle : path.join(folder, 'plan-worker.js')).href;
}

/**
 * The compiled worker when this module is compiled, or run from the sources while dist/ is fresh
 * (tests, benchmarks): a thread then starts without compiling anything, and the two speak only in
 * messages. Else the worker's source, through tsx.
 */
export async function workerEntry(): Promise<WorkerEntry> {
  const here = fileURLToPath(import.meta.url);
  if (path.extname(here) !== '.ts') return { entry: compiledWorker(path.dirname(here)) };
  const freshness = (await import(pathToFileURL(path.join(PROJECT_ROOT, 'bin', 'dist-freshness.js')).href)) as { distIsFresh(root: string): boolean };
  if (freshness.distIsFresh(PROJECT_ROOT)) return { entry: compiledWorker(path.join(PROJECT_ROOT, COMPILED_FOLDER, 'runner')) };
  return { entry: new URL('./plan-worker.ts', import.meta.url).href, tsx: tsxRegisterModule() };
}

/** tsx's ESM API as its package.json exports it to `import` (require.resolve would give the CommonJS one, which cannot register ESM hooks in a worker). */
function tsxRegisterModule(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'];
  return pathToFileURL(path.join(path.dirname(manifest), exported?.import.default ?? 'dist/esm/api/index.mjs')).href;
}

function revived(error: CarriedError): Error {
  if (error.code && error.hint) return new CarriedWorkerError(error.code, error.message, error.hint);
  const revivedError = new Error(`planning failed in a worker thread: ${error.message}`);
  if (error.stack) revivedError.stack = error.stack;
  return revivedError;
}

function settledLater<T>(): { promise: Promise<T>; waiting: Waiting<T> } {
  let waiting: Waiting<T> | undefined;
  const promise = new Promise<T>((resolve, reject) => (waiting = { resolve, reject }));
  // Settled whether or not anyone awaits it (a run stopped early never takes its last batch).
  promise.catch(() => undefined);
  return { promise, waiting: waiting as Waiting<T> };
}

/** One worker thread and what the main thread waits of it. */
class PlanningThread {
  private readonly worker: Worker;
  private readonly headers = new Map<ApiName, Waiting<PlanHeader>>();
  private readonly batches = new Map<number, Waiting<Batch>>();
  private asks = 0;
  private closed = false;
  private failure: Error | undefined;

  constructor(entry: WorkerEntry) {
    this.worker = new Worker(WORKER_BOOT, { eval: true, workerData: entry });
    this.worker.on('message', (message: FromWorker) => this.received(message));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`a planning worker thread stopped (exit code ${code}) before it was done`)));
  }

  plan(order: PlanOrder): Map<ApiName, Promise<PlanHeader>> {
    const headers = new Map(
      order.apis.map((api) => {
        const { promise, waiting } = settledLater<PlanHeader>();
        this.headers.set(api, waiting);
        if (this.failure) waiting.reject(this.failure);
        return [api, promise] as const;
      }),
    );
    this.worker.postMessage(order);
    return headers;
  }

  /** The API's next batch of cases. */
  more(api: ApiName): Promise<Batch> {
    const ask = (this.asks += 1);
    const { promise, waiting } = settledLater<Batch>();
    this.batches.set(ask, waiting);
    if (this.failure) waiting.reject(this.failure);
    this.worker.postMessage({ type: 'more', api, ask });
    return promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private received(message: FromWorker): void {
    if (message.type === 'planned') this.headers.get(message.api)?.resolve(message.header);
    else if (message.type === 'cases') this.batches.get(message.ask)?.resolve(message);
    else if (message.ask === undefined) this.headers.get(message.api)?.reject(revived(message.error));
    else this.batches.get(message.ask)?.reject(revived(message.error));
    if (message.type !== 'planned' && message.ask !== undefined) this.batches.delete(message.ask);
  }

  /** Fails what is awaited of the thread, and (it may fail while it boots, before it is asked anything) what will be. */
  private failAll(error: Error): void {
    if (this.closed) return;
    this.failure ??= error;
    for (const waiting of [...this.headers.values(), ...this.batches.values()]) waiting.reject(error);
    this.batches.clear();
  }
}

/**
 * The API's cases, a batch at a time, with BATCHES_AHEAD batches asked for ahead of the one taken:
 * a thread plans an API's next cases while the run sends an earlier API's, and memory stays bounded.
 */
function casesOf(thread: PlanningThread, api: ApiName): AsyncIterable<PlannedCase> {
  // The first batches are asked for at once: the worker makes them while the run starts.
  const asked = Array.from({ length: BATCHES_AHEAD }, () => thread.more(api));
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const batch = await (asked.shift() as Promise<Batch>);
        if (!batch.done) asked.push(thread.more(api));
        yield* batch.cases;
        if (batch.done) return;
      }
    },
  };
}

export type PoolOrder = Omit<PlanOrder, 'type' | 'apis'>;

/**
 * Planning in worker threads, off the thread that sends and checks: each API is planned whole by
 * one worker (API i by worker i mod N), so its plan is the same bytes whatever the number of workers.
 */
export class PlanPool {
  private closing: Promise<void> | undefined;

  private constructor(private readonly threads: PlanningThread[]) {}

  static async start(workers: number, apis: ApiName[]): Promise<PlanPool> {
    const count = Math.max(1, Math.min(workers, apis.length));
    const entry = await workerEntry();
    return new PlanPool(Array.from({ length: count }, () => new PlanningThread(entry)));
  }

  /** Each API's header once its boundary cases are planned (in parallel across the workers), and its cases as they are taken. */
  plan(apis: ApiName[], order: PoolOrder): Map<ApiName, WorkerPlan> {
    const threadOf = (index: number) => this.threads[index % this.threads.length] as PlanningThread;
    const headers = new Map<ApiName, Promise<PlanHeader>>();
    this.threads.forEach((thread, index) => {
      const own = apis.filter((_, apiIndex) => apiIndex % this.threads.length === index);
      if (own.length) for (const [api, header] of thread.plan({ type: 'plan', apis: own, ...order })) headers.set(api, header);
    });
    const plans = new Map<ApiName, WorkerPlan>();
    for (const [index, api] of apis.entries()) plans.set(api, { header: headers.get(api) as Promise<PlanHeader>, cases: casesOf(threadOf(index), api) });
    return plans;
  }

  /** Ends the threads; the run and its plan may both close them. */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.threads.map((thread) => thread.close())).then(() => undefined);
    return this.closing;
  }
}
