import type { CaseResult } from '../engine/run/run-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { breachesOf } from '../engine/run/verdicts.ts';

/** Requirements found broken so far (counting against the exit, known deviations aside): what --max-failures counts and the progress line shows. */
export class BrokenRequirements {
  private readonly ids = new Set<string>();

  constructor(
    private readonly specs: LoadedSpec[],
    private readonly strict: boolean,
    private readonly known: (requirementId: string) => string | undefined,
  ) {}

  note(result: CaseResult): void {
    for (const [id, breach] of breachesOf(result, this.specs, this.strict)) if (breach === 'broken' && this.known(id) === undefined) this.ids.add(id);
  }

  get count(): number {
    return this.ids.size;
  }
}
