import fc from 'fast-check';

export interface NumberRange {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** The whole numbers of the range (within 32 bits), or undefined when it holds none. */
function wholeNumbersIn({ min, max, minExcluded, maxExcluded }: NumberRange): fc.Arbitrary<number> | undefined {
  const low = Math.max(minExcluded ? Math.floor(min) + 1 : Math.ceil(min), INT32_MIN);
  const high = Math.min(maxExcluded ? Math.ceil(max) - 1 : Math.floor(max), INT32_MAX);
  return low <= high ? fc.integer({ min: low, max: high }) : undefined;
}

/** A finite JSON number in the range: whole numbers as often as fractional ones (never -0). */
export function numberInRange(range: NumberRange): fc.Arbitrary<number> {
  const fractional = fc.double({ ...range, noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0));
  const whole = wholeNumbersIn(range);
  return whole ? fc.oneof(whole, fractional) : fractional;
}
