import fc from 'fast-check';
import { createHash } from 'node:crypto';

/**
 * Draws values from arbitraries with seeds derived from the run's seed and a label, so a
 * value depends only on (seed, label): the same seed gives the same requests, byte for byte,
 * whatever order cases are planned in.
 */
export class DeterministicSampler {
  constructor(readonly seed: number) {}

  seedFor(label: string): number {
    const digest = createHash('sha256').update(`${this.seed}\u0000${label}`).digest();
    return digest.readInt32BE(0);
  }

  one<T>(arbitrary: fc.Arbitrary<T>, label: string): T {
    const [value] = fc.sample(arbitrary, { seed: this.seedFor(label), numRuns: 1 });
    return value as T;
  }

  many<T>(arbitrary: fc.Arbitrary<T>, count: number, label: string): T[] {
    if (count <= 0) return [];
    return fc.sample(arbitrary, { seed: this.seedFor(label), numRuns: count });
  }

  /**
   * Values drawn a chunk at a time (chunk k seeded by the label and k): memory stays flat however
   * many are taken. At most `limit` are drawn: a sample's first n values are the same whatever its
   * size, so a short stream costs what it takes, not a whole chunk.
   */
  *stream<T>(arbitrary: fc.Arbitrary<T>, label: string, limit = Infinity, chunkSize = 256): Generator<T> {
    for (let chunk = 0, drawn = 0; drawn < limit; chunk += 1, drawn += chunkSize)
      yield* this.many(arbitrary, Math.min(chunkSize, limit - drawn), `${label} #${chunk}`);
  }
}
