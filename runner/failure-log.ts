import { requirementById, type LoadedSpec } from '../engine/spec-loader.ts';
import { formatFailure } from './console-report.ts';
import type { CaseResult } from './run-model.ts';
import { levelOfClaim } from './verdict-tally.ts';

type Shown = 'broken' | 'warned';

/**
 * Decides which failures the console prints as the run goes: each requirement once, with the
 * glyph of the verdict it has so far (! warned for an inferred claim, ✗ broken), and once more
 * should a later case break it for an explicit claim.
 */
export class FailureLog {
  private readonly shown = new Map<string, Shown>();

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
      this.shown.set(id, 'warned');
      return `≈ ${id} broken, a known deviation (baseline: ${this.known(id)})\n`;
    });
    const failures = new Map([...all].filter(([id]) => this.known(id) === undefined));
    const fresh = [...failures].filter(([id, shown]) => this.shown.get(id) !== shown && this.shown.get(id) !== 'broken');
    for (const [id, shown] of fresh) this.shown.set(id, shown);
    const allIds = [...failures.keys()];
    const byShown = (wanted: Shown) => fresh.filter(([, shown]) => shown === wanted).map(([id]) => id);
    const broken = byShown('broken');
    const warned = byShown('warned');
    return [
      ...knownLines,
      ...(broken.length ? [formatFailure(this.specs, result, [...broken, ...allIds.filter((id) => !broken.includes(id))], 'broken')] : []),
      ...(warned.length && !broken.length ? [formatFailure(this.specs, result, [...warned, ...allIds.filter((id) => !warned.includes(id))], 'warned')] : []),
    ].join('');
  }

  /** Each requirement the case found broken, as broken (an explicit claim, or any with --strict) or warned. */
  private failuresOf(result: CaseResult): Map<string, Shown> {
    const failures = new Map<string, Shown>();
    const add = (requirementId: string, claimLevel: CaseResult['level']) => {
      const explicit = levelOfClaim(this.requirement(requirementId), claimLevel) === 'explicit';
      if (failures.get(requirementId) !== 'broken') failures.set(requirementId, explicit || this.strict ? 'broken' : 'warned');
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
