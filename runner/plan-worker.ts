// A planning worker thread (runner/plan-pool.ts starts it): plans the APIs it is given, then hands
// out their cases a batch at a time, as the main thread asks (a bounded number of batches ahead).
import { parentPort } from 'node:worker_threads';
import type { ApiName } from '../engine/api-name.ts';
import { ConformanceError } from '../engine/errors.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { streamPlan } from '../generators/case-planner.ts';
import { apiPlanOptions } from '../generators/plan-cache.ts';
import { CASES_PER_BATCH, type CarriedError, type FromWorker, type MoreCases, type PlanOrder, type ToWorker } from './plan-messages.ts';

const port = parentPort;
if (!port) throw new Error('runner/plan-worker.ts runs as a worker thread (runner/plan-pool.ts starts it)');

const streams = new Map<ApiName, Iterator<PlannedCase>>();
/** The APIs in the order the run takes them: the batches asked of an earlier one are served first. */
const runOrder: ApiName[] = [];
const asked: MoreCases[] = [];

function send(message: FromWorker): void {
  port?.postMessage(message);
}

function carried(error: unknown): CarriedError {
  if (error instanceof ConformanceError) return { name: error.name, message: error.message, code: error.code, hint: error.hint };
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}

async function plan(order: PlanOrder): Promise<void> {
  runOrder.push(...order.apis);
  for (const api of order.apis) {
    try {
      const spec = await loadSpec(api);
      const { cases, ...header } = streamPlan(spec, order.config, apiPlanOptions(api, order));
      streams.set(api, cases[Symbol.iterator]());
      send({ type: 'planned', api, header });
    } catch (error) {
      send({ type: 'failed', api, error: carried(error) });
    }
  }
}

function more({ api, ask }: MoreCases): void {
  const stream = streams.get(api);
  const cases: PlannedCase[] = [];
  try {
    while (stream && cases.length < CASES_PER_BATCH) {
      const step = stream.next();
      if (step.done) return send({ type: 'cases', api, ask, cases, done: true });
      cases.push(step.value);
    }
    send({ type: 'cases', api, ask, cases, done: !stream });
  } catch (error) {
    send({ type: 'failed', api, ask, error: carried(error) });
  }
}

/** The batch the run will need first: of the API it takes earliest, the earliest asked. */
function mostUrgent(): MoreCases | undefined {
  const sooner = (one: MoreCases, other: MoreCases) => runOrder.indexOf(one.api) - runOrder.indexOf(other.api) || one.ask - other.ask;
  const index = asked.reduce((best, candidate, at) => (sooner(candidate, asked[best] as MoreCases) < 0 ? at : best), 0);
  return asked.splice(index, 1)[0];
}

/** Lets the messages that came in while a batch was being planned join `asked` before the next pick. */
const messagesIn = () => new Promise<void>((resolve) => setImmediate(resolve));

// Messages are handled one at a time: a batch asked while the APIs are being planned waits for them.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  if (message.type === 'plan') {
    queue = queue.then(() => plan(message));
    return;
  }
  asked.push(message);
  queue = queue.then(messagesIn).then(() => {
    const next = mostUrgent();
    if (next) more(next);
  });
});
