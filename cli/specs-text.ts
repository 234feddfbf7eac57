import type { ErratumEntry, RequirementEntry, SpecListing } from './specs-listing.ts';

/**
 * `width`: the terminal's columns. Lines longer than that end their quote (or erratum problem)
 * with … instead of wrapping; without a width (output piped) nothing is cut. --json is never cut.
 */
export interface TextLayout {
  width?: number;
}

const ELLIPSIS = '…';
/** A cut text keeps at least this many characters, even when the columns alone fill a narrow terminal. */
const MIN_TEXT = 24;
const INDENT = '  ';
const GAP = '  ';

/** `prefix` + `text` + `closing`, the text cut (and marked with …) so the line fits `width`. */
export function fitToWidth(prefix: string, text: string, closing: string, width: number | undefined): string {
  const characters = [...text];
  const room = width === undefined ? Infinity : Math.max(MIN_TEXT, width - prefix.length - closing.length);
  if (characters.length <= room) return `${prefix}${text}${closing}`;
  return `${prefix}${characters
    .slice(0, room - 1)
    .join('')
    .trimEnd()}${ELLIPSIS}${closing}`;
}

function heading(listing: SpecListing): string[] {
  const { schema, rule } = listing;
  return [
    `${listing.api} · ${listing.operation} · ${listing.sourceDocument}`,
    `${INDENT}${listing.requirements.length} requirements: schema ${schema.explicit} explicit + ${schema.inferred} inferred, ` +
      `rule ${rule.explicit} explicit + ${rule.inferred} inferred, ${listing.untestable} untestable; ${listing.errata} errata`,
  ];
}

/** The kind, then the status(es) the document gives when a request breaks it (none on the response side). */
export function statusCell(requirement: RequirementEntry): string {
  return [requirement.kind, requirement.statusOnBreak.join('/')].filter(Boolean).join(' ');
}

function alignedColumns(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, column) => Math.max(max[column] ?? 0, cell.length)), []);
  return rows.map((row) => INDENT + row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(GAP) + GAP);
}

function requirementLines(requirements: RequirementEntry[], layout: TextLayout): string[] {
  const header = ['REQUIREMENT', 'LEVEL', 'STATUS'];
  const prefixes = alignedColumns([header, ...requirements.map((entry) => [entry.id, entry.level, statusCell(entry)])]);
  const [headerPrefix = '', ...rowPrefixes] = prefixes;
  return [
    `${headerPrefix}SECTION: THE DOCUMENT SAYS`,
    ...requirements.map((entry, index) => fitToWidth(`${rowPrefixes[index] ?? ''}${entry.section}: “`, entry.quote, '”', layout.width)),
  ];
}

function errataLines(errata: ErratumEntry[], layout: TextLayout): string[] {
  if (errata.length === 0) return [`${INDENT}errata: none`];
  const prefixes = alignedColumns(errata.map((erratum) => [erratum.id]));
  return [`${INDENT}errata:`, ...errata.map((erratum, index) => fitToWidth(prefixes[index] ?? '', erratum.problem, '', layout.width))];
}

function apiBlock(listing: SpecListing, layout: TextLayout): string {
  return [...heading(listing), ...requirementLines(listing.requirements, layout), ...errataLines(listing.errataList, layout)].join('\n');
}

/** `conformance specs` without --json: per API a heading, one line per requirement, then the errata. */
export function formatSpecListings(listings: SpecListing[], layout: TextLayout = {}): string {
  return listings.map((listing) => apiBlock(listing, layout)).join('\n\n');
}
