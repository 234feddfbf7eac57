// A planning worker thread (runner/plan-pool.ts starts it): plans the boundary cases of the APIs
// it is given, and hands out their cases a batch at a time as the main thread asks (a bounded
// number of batches ahead). It always does first what the run needs first: the run takes the APIs
// in order, so an earlier API's plan or batch comes before a later API's.
import { parentPort } from 'node:worker_threads';
import type { ApiName } from '../engine/api-name.ts';
import { ConformanceError } from '../engine/errors.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { streamPlan } from '../generators/case-planner.ts';
import { apiPlanOptions } from '../generators/plan-cache.ts';
import { CASES_PER_BATCH, type CarriedError, type FromWorker, type MoreCases, type PlanOrder, type ToWorker } from './plan-messages.ts';
import { lowerWorkerThreadPriority, PLANNING_THREAD_NICER_BY } from './thread-priority.ts';

const port = parentPort;
if (!port) throw new Error('runner/plan-worker.ts runs as a worker thread (runner/plan-pool.ts starts it)');
// Planning runs ahead of sending: where both want the core, the sending thread has it.
lowerWorkerThreadPriority(PLANNING_THREAD_NICER_BY);

/** The APIs in the order the run takes them, with the order each came in. */
const runOrder: ApiName[] = [];
const orders = new Map<ApiName, PlanOrder>();
/** APIs whose boundary cases are still to plan, and the batches asked for and not yet sent. */
const toPlan = new Set<ApiName>();
const asked: MoreCases[] = [];
const streams = new Map<ApiName, Iterator<PlannedCase>>();

function send(message: FromWorker): void {
  port?.postMessage(message);
}

function carried(error: unknown): CarriedError {
  if (error instanceof ConformanceError) return { name: error.name, message: error.message, code: error.code, hint: error.hint };
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}

async function planBoundary(api: ApiName): Promise<void> {
  toPlan.delete(api);
  try {
    const order = orders.get(api) as PlanOrder;
    const spec = await loadSpec(api);
    const { cases, ...header } = streamPlan(spec, order.config, apiPlanOptions(api, order));
    streams.set(api, cases[Symbol.iterator]());
    send({ type: 'planned', api, header });
  } catch (error) {
    send({ type: 'failed', api, error: carried(error) });
  }
}

/**
 * The batch's cases with equal `exercises` lists made one array: a message copies an array once
 * however many cases hold it, and the run's thread reads fewer objects. A positive case lists
 * about 28 requirement ids (1 KB of the 1.7 a case takes in a message), most of them shared with
 * other cases of its batch.
 */
function withSharedExercises(cases: PlannedCase[]): PlannedCase[] {
  const lists = new Map<string, string[]>();
  return cases.map((testCase) => {
    if (!testCase.exercises) return testCase;
    const key = testCase.exercises.join('\n');
    const shared = lists.get(key);
    if (!shared) lists.set(key, testCase.exercises);
    return shared ? { ...testCase, exercises: shared } : testCase;
  });
}

function more({ api, ask }: MoreCases): void {
  const stream = streams.get(api);
  const cases: PlannedCase[] = [];
  let done = !stream;
  try {
    while (stream && !done && cases.length < CASES_PER_BATCH) {
      const step = stream.next();
      if (step.done) done = true;
      else cases.push(step.value);
    }
    send({ type: 'cases', api, ask, cases: withSharedExercises(cases), done });
  } catch (error) {
    send({ type: 'failed', api, ask, error: carried(error) });
  }
}

/** The earliest API (in the run's order) with work left: its boundary cases first, then its batches, earliest asked first. */
function nextWork(): (() => void | Promise<void>) | undefined {
  const api = runOrder.find((candidate) => toPlan.has(candidate) || asked.some((item) => item.api === candidate));
  if (!api) return undefined;
  if (toPlan.has(api)) return () => planBoundary(api);
  const index = asked.findIndex((item) => item.api === api);
  const [batch] = asked.splice(index, 1);
  return () => more(batch as MoreCases);
}

/** One piece of work at a time, each in its own turn, so that the messages that came meanwhile join before the next pick. */
let working = false;
function workSoon(): void {
  if (working) return;
  working = true;
  setImmediate(async () => {
    const work = nextWork();
    if (work) await work();
    working = false;
    if (work) workSoon();
  });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'plan') {
    for (const api of message.apis) {
      runOrder.push(api);
      orders.set(api, message);
      toPlan.add(api);
    }
  } else asked.push(message);
  workSoon();
});
