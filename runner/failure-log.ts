import { requirementById, type LoadedSpec } from '../engine/spec-loader.ts';
import { formatFailure } from './console-report.ts';
import type { CaseResult } from '../engine/run-model.ts';
import { countsAgainstExit, levelOfClaim } from '../engine/verdicts.ts';

type Shown = 'broken' | 'warned';
/** What the console has said of a requirement so far: a known deviation is said once, apart. */
type Said = Shown | 'known';

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

  /** Requirements shown as broken so far (what --max-failures counts). */
  get broken(): number {
    return [...this.shown.values()].filter((shown) => shown === 'broken').length;
  }

  /** The text to print for a failed case: nothing when it tells nothing new. */
  note(result: CaseResult): string {
    const all = this.failuresOf(result);
    const knownLines = [...all.keys()].filter((id) => this.known(id) !== undefined && !this.shown.has(id)).map((id) => {
      this.shown.set(id, 'known');
      return `≈ ${id} broken, a known deviation (baseline: ${this.known(id)})\n`;
    });
    const failures = [...all].filter(([id]) => this.known(id) === undefined);
    const fresh = failures.filter(([id, shown]) => this.shown.get(id) !== shown && this.shown.get(id) !== 'broken');
    for (const [id, shown] of fresh) this.shown.set(id, shown);
    // Said with the most serious verdict among what is new: broken first, the others named after.
    const glyph: Shown = fresh.some(([, shown]) => shown === 'broken') ? 'broken' : 'warned';
    const lead = fresh.filter(([, shown]) => shown === glyph).map(([id]) => id);
    const named = [...lead, ...failures.map(([id]) => id).filter((id) => !lead.includes(id))];
    return [...knownLines, ...(lead.length ? [formatFailure(this.specs, result, named, glyph)] : [])].join('');
  }

  /** Each requirement the case found broken, as broken (an explicit claim, or any with --strict) or warned. */
  private failuresOf(result: CaseResult): Map<string, Shown> {
    const failures = new Map<string, Shown>();
    const add = (requirementId: string, claimLevel: CaseResult['level']) => {
      const level = levelOfClaim(this.requirement(requirementId), claimLevel);
      if (failures.get(requirementId) !== 'broken') failures.set(requirementId, countsAgainstExit({ verdict: 'broken', level }, this.strict) ? 'broken' : 'warned');
    };
    if (result.error) add(result.requirementId, result.level);
    for (const check of result.checks) if (!check.passed) add(check.requirementId, check.level);
    return failures;
  }

  private requirement(id: string) {
    for (const spec of this.specs) {
      const found = requirementById(spec, id);
      if (found) return found;
    }
    return undefined;
  }
}
