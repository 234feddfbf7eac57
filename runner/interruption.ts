/** How an interruption settles what was waiting: with a value (a stop) or an error (a failure). */
export type InterruptionOutcome<I> = { value: I } | { error: unknown };

/**
 * Waits on steps that one event may cut short (a stop, a failure), keeping only the steps still
 * pending. `Promise.race` against a promise that never settles would not do: each race adds a
 * reaction to it that holds the race, and so its value, for the rest of the run, one per case.
 */
export class Interruption<I = never> {
  private outcome: InterruptionOutcome<I> | undefined;
  private readonly waiting = new Set<(outcome: InterruptionOutcome<I>) => void>();

  /** Settles every step waited on, and every later one, with this outcome; the first interruption wins. */
  interrupt(outcome: InterruptionOutcome<I>): void {
    if (this.outcome) return;
    this.outcome = outcome;
    for (const settle of this.waiting) settle(outcome);
    this.waiting.clear();
  }

  /** What `step` gives, unless the interruption comes first. */
  race<T>(step: Promise<T>): Promise<T | I> {
    const interrupted = this.outcome;
    if (interrupted) return 'error' in interrupted ? Promise.reject(interrupted.error) : Promise.resolve(interrupted.value);
    return new Promise<T | I>((resolve, reject) => {
      const settle = (outcome: InterruptionOutcome<I>) => ('error' in outcome ? reject(outcome.error) : resolve(outcome.value));
      this.waiting.add(settle);
      step.then(
        (value) => {
          this.waiting.delete(settle);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(settle);
          reject(error);
        },
      );
    });
  }
}
