import { existsSync, readFileSync } from 'node:fs';

/**
 * A source document made searchable for verbatim quotes: white space is normalised (the
 * documents wrap lines), and each cell of an RST grid table is rebuilt by joining its lines,
 * so a quote may run across the wrapped lines of one cell but never across cells.
 */
export interface DocumentText {
  file: string;
  containsQuote(quote: string): boolean;
  hasSection(section: string): boolean;
}

export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const BORDER = /^\s*\+[-=+]+\+\s*$/;

function columnBoundaries(border: string, rowLines: string[]): number[] {
  const candidates = [...border].flatMap((char, index) => (char === '+' ? [index] : []));
  return candidates.filter((index) => rowLines.every((line) => line[index] === '|'));
}

function cellsOfRow(border: string, rowLines: string[]): string[] {
  const bounds = columnBoundaries(border, rowLines);
  const cells: string[] = [];
  for (let column = 0; column + 1 < bounds.length; column += 1) {
    const from = (bounds[column] ?? 0) + 1;
    const to = bounds[column + 1] ?? 0;
    cells.push(normalizeWhitespace(rowLines.map((line) => line.slice(from, to)).join(' ')));
  }
  return cells;
}

/** Every cell of every grid table, its wrapped lines joined. */
export function gridTableCells(text: string): string[] {
  const cells: string[] = [];
  let border: string | undefined;
  let row: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (BORDER.test(line)) {
      if (border && row.length) cells.push(...cellsOfRow(border, row));
      border = line;
      row = [];
    } else if (border && /^\s*\|/.test(line)) {
      row.push(line);
    } else {
      border = undefined;
      row = [];
    }
  }
  return cells.filter((cell) => cell.length > 0);
}

function headingForms(line: string): string {
  return normalizeWhitespace(line.replace(/^#+\s*/, '').replace(/:\s*$/, ''));
}

export function documentTextOf(file: string, text: string): DocumentText {
  const whole = normalizeWhitespace(text);
  const cells = gridTableCells(text);
  const headings = new Set(text.split(/\r?\n/).map(headingForms));
  return {
    file,
    containsQuote(quote) {
      const wanted = normalizeWhitespace(quote);
      return wanted.length > 0 && (whole.includes(wanted) || cells.some((cell) => cell.includes(wanted)));
    },
    hasSection: (section) => headings.has(headingForms(section)),
  };
}

/** A source document from the seeds folder, or undefined when the file is absent. */
export function loadDocumentText(file: string): DocumentText | undefined {
  if (!existsSync(file)) return undefined;
  return documentTextOf(file, readFileSync(file, 'utf8'));
}
