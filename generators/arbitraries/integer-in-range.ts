import fc from 'fast-check';

export interface IntegerRange {
  min: number;
  max: number;
  /** Bounds the schema declares: drawn often, they are where servers get it wrong. */
  boundaries: number[];
  /** `multipleOf`, when the values must be its multiples. */
  step?: number;
}

/** Everyday values: a small window near zero, or next to the declared bound nearest to it, within the range. */
const SMALL_WINDOW = { low: -4, high: 64, width: 16 };

function smallWindow({ min, max }: IntegerRange): { min: number; max: number } {
  if (max < SMALL_WINDOW.low) return { min: Math.max(min, max - SMALL_WINDOW.width), max };
  if (min > SMALL_WINDOW.high) return { min, max: Math.min(max, min + SMALL_WINDOW.width) };
  return { min: Math.max(min, SMALL_WINDOW.low), max: Math.min(max, SMALL_WINDOW.high) };
}

function multiplesOf(step: number, { min, max }: { min: number; max: number }): fc.Arbitrary<number> | undefined {
  const lowest = Math.ceil(min / step);
  const highest = Math.floor(max / step);
  return lowest <= highest ? fc.integer({ min: lowest, max: highest }).map((k) => k * step) : undefined;
}

/**
 * An integer in [min, max], biased the way strings' lengths are: mostly small everyday values
 * (near zero, or next to the declared bound), often exactly a declared boundary, sometimes
 * anywhere in the range. Multiples of `step` when given.
 */
export function integerInRange(range: IntegerRange): fc.Arbitrary<number> {
  const { min, max, boundaries, step } = range;
  const window = smallWindow(range);
  const inWindow = step === undefined ? fc.integer(window) : multiplesOf(step, window);
  const anywhere = step === undefined ? fc.integer({ min, max }) : multiplesOf(step, { min, max });
  const inside = [...new Set(boundaries)].filter((value) => value >= min && value <= max && (step === undefined || Number.isInteger(value / step)));
  const choices: fc.WeightedArbitrary<number>[] = [];
  if (inWindow) choices.push({ weight: 5, arbitrary: inWindow });
  if (inside.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...inside) });
  if (anywhere) choices.push({ weight: 2, arbitrary: anywhere });
  return choices.length ? fc.oneof(...choices) : fc.constant(min);
}
