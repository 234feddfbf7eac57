/** The charts' font size in px (report.css sets `.chart text` to it). */
export const FONT_SIZE = 11;

/**
 * An SVG has no text layout: widths are estimated before the browser picks a font. 0.65 em a
 * character is above the advance of digits and the average of lowercase letters in the common
 * sans-serif fonts (DejaVu Sans, the widest usual fallback, draws digits 0.64 em wide).
 */
const CHARACTER_WIDTH_EM = 0.65;

export function estimatedTextWidth(text: string): number {
  return Math.ceil([...text].length * CHARACTER_WIDTH_EM * FONT_SIZE);
}

export interface Placed<T> {
  item: T;
  x: number;
  row: number;
}

/** Lays items out left to right, starting a new row when the next one would pass maxWidth. */
export function flowInRows<T>(items: readonly T[], widthOf: (item: T) => number, maxWidth: number, gap: number): Placed<T>[] {
  let x = 0;
  let row = 0;
  return items.map((item) => {
    const width = widthOf(item);
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      row += 1;
    }
    const placed = { item, x, row };
    x += width + gap;
    return placed;
  });
}
