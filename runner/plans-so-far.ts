import type { VerdictTally } from '../engine/run/verdicts.ts';
import type { PlannedCount } from './run-listener.ts';
import type { PendingApi, PlannedApi } from './run-plan.ts';
import { Interruption } from './interruption.ts';

/**
 * The run's view of its plans as they come (in planning threads, a later API's plan comes while
 * the run sends an earlier one's): the cases they hold so far, each requirement a plan could not
 * run, and the first planning failure, which stops the run at once rather than when it reaches
 * that API.
 */
export class PlansSoFar {
  /** The APIs planned so far, in the order their plans came. */
  readonly planned: PlannedApi[] = [];
  private readonly count: PlannedCount = { cases: 0, complete: false };
  private readonly failure = new Interruption();

  constructor(apis: readonly PendingApi[], tally: VerdictTally) {
    let waiting = apis.length;
    this.count.complete = waiting === 0;
    for (const { planned } of apis)
      planned.then(
        (api) => {
          this.planned.push(api);
          for (const item of api.plan.notRunnable) tally.notRunnable(item.requirementId, item.reason);
          this.count.cases += api.plan.size;
          waiting -= 1;
          this.count.complete = waiting === 0;
        },
        (error: unknown) => this.failure.interrupt({ error }),
      );
  }

  /** The cases the plans hold so far, and whether every API is planned. */
  cases(): PlannedCount {
    return { ...this.count };
  }

  /** What `step` gives, unless some API's planning fails first: then that failure. */
  orFailure<T>(step: Promise<T>): Promise<T> {
    return this.failure.race(step);
  }
}
