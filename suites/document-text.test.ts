import { describe, expect, it } from 'vitest';
import { documentTextOf, gridTableCells } from '../engine/spec/document-text.ts';

const GRID = `Response codes

+---------+-------------+------------------------------+
|Response | Description | Reason                       |
+=========+=============+==============================+
| 400     | Bad Request | The request cannot be        |
|         |             | fulfilled due to data.       |
+---------+-------------+------------------------------+
| 404     | Not Found   | The item was not found.      |
+---------+-------------+------------------------------+
`;

describe('document text', () => {
  const text = documentTextOf('grid.rst', GRID);

  it('rebuilds a grid-table cell from its wrapped lines', () => {
    expect(gridTableCells(GRID)).toContain('The request cannot be fulfilled due to data.');
    expect(text.containsQuote('The request cannot be fulfilled due to data.')).toBe(true);
  });

  it('does not let a quote run across cells', () => {
    expect(text.containsQuote('Bad Request The request')).toBe(false);
    expect(text.containsQuote('400 Bad Request')).toBe(false);
  });

  it('finds quotes in running text whatever the line wrapping', () => {
    const prose = documentTextOf('prose.txt', 'This value must be\nless than   the delay.\n');
    expect(prose.containsQuote('must be less than the delay.')).toBe(true);
    expect(prose.containsQuote('must be more than the delay.')).toBe(false);
  });

  it('knows section headings, with or without a trailing colon or markdown hashes', () => {
    const doc = documentTextOf('d.txt', 'Request Syntax:\n## Response\nbody\n');
    expect(doc.hasSection('Request Syntax')).toBe(true);
    expect(doc.hasSection('Response')).toBe(true);
    expect(doc.hasSection('Errors')).toBe(false);
    expect(text.hasSection('Response codes')).toBe(true);
  });
});
