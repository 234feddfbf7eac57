import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { formatFailure } from './console-report.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { breachesOf, type Breach } from '../engine/run/verdicts.ts';

/** What the console has said of a requirement so far: a known deviation is said once, apart. */
type Said = Breach | 'known';

/**
 * Decides which failures the console prints as the run goes: each requirement once, with the
 * glyph of the verdict it has so far (! warned for an inferred claim, ✗ broken), and once more
 * should a later case break it for an explicit claim.
 */
export class FailureLog {
  private readonly shown = new Map<string, Said>();

  constructor(
    private readonly specs: LoadedSpec[],
    private readonly strict: boolean,
    /** Requirements the --baseline expects broken: said in one line, not as a new failure. */
    private readonly known: (requirementId: string) => string | undefined = () => undefined,
  ) {}

  /** The text to print for a failed case: nothing when it tells nothing new. */
  note(result: CaseResult): string {
    const all = breachesOf(result, this.specs, this.strict);
    const knownLines = [...all.keys()]
      .filter((id) => this.known(id) !== undefined && !this.shown.has(id))
      .map((id) => {
        this.shown.set(id, 'known');
        return `≈ ${id} broken, a known deviation (baseline: ${this.known(id)})\n`;
      });
    const failures = [...all].filter(([id]) => this.known(id) === undefined);
    const fresh = failures.filter(([id, shown]) => this.shown.get(id) !== shown && this.shown.get(id) !== 'broken');
    for (const [id, shown] of fresh) this.shown.set(id, shown);
    // Said with the most serious verdict among what is new: broken first, the others named after.
    const glyph: Breach = fresh.some(([, shown]) => shown === 'broken') ? 'broken' : 'warned';
    const lead = fresh.filter(([, shown]) => shown === glyph).map(([id]) => id);
    const named = [...lead, ...failures.map(([id]) => id).filter((id) => !lead.includes(id))];
    return [...knownLines, ...(lead.length ? [formatFailure(this.specs, result, named, glyph)] : [])].join('');
  }
}
