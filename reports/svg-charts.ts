import type { ApiReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';
import { estimatedTextWidth, flowInRows } from './svg-layout.ts';

const COLOURS = { held: '#1a7f37', broken: '#cf222e', warned: '#9a6700', 'not-run': '#8c959f' } as const;
/** The narrowest a chart is drawn; it grows when its labels need more. */
const MIN_WIDTH = 360;
const BAR = 14;
/** A line of text: room for a tall font's ascent above the baseline and its descent below. */
const LINE = 18;
const BASELINE = 13;
const SWATCH = 10;
const LEGEND_GAP = 16;
const MIN_BAR_AREA = 120;

function svg(label: string, width: number, height: number, content: Html[]): Html {
  return html`<svg class="chart" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title>${content}</svg>`;
}

interface VerdictPart {
  key: keyof typeof COLOURS;
  label: string;
  count: number;
}

function verdictParts(api: ApiReport): VerdictPart[] {
  return [
    { key: 'held', label: 'held', count: api.held },
    { key: 'broken', label: 'broken', count: api.broken },
    { key: 'warned', label: 'warned', count: api.warned },
    { key: 'not-run', label: 'not run', count: api.notRun },
  ];
}

function stackedBar(parts: VerdictPart[], width: number): Html[] {
  const total = parts.reduce((sum, part) => sum + part.count, 0) || 1;
  let x = 0;
  return parts.map((part) => {
    const segmentWidth = (part.count / total) * width;
    const segment = html`<rect x="${x.toFixed(1)}" y="0" width="${segmentWidth.toFixed(1)}" height="${BAR}" fill="${COLOURS[part.key]}"><title>${part.count} ${part.label}</title></rect>`;
    x += segmentWidth;
    return segment;
  });
}

const legendText = (part: VerdictPart) => `${part.label} ${part.count}`;
const legendItemWidth = (part: VerdictPart) => SWATCH + 4 + estimatedTextWidth(legendText(part));

/** One stacked bar: how many requirements held, broke, warned, did not run; the legend wraps rather than overflow. */
export function verdictChart(api: ApiReport): Html {
  const parts = verdictParts(api);
  const width = Math.max(MIN_WIDTH, ...parts.map(legendItemWidth));
  const placed = flowInRows(parts, legendItemWidth, width, LEGEND_GAP);
  const legendTop = BAR + 4;
  const legend = placed.map(({ item, x, row }) => {
    const top = legendTop + row * LINE;
    return html`<rect x="${x}" y="${top + 4}" width="${SWATCH}" height="${SWATCH}" fill="${COLOURS[item.key]}"/><text x="${x + SWATCH + 4}" y="${top + BASELINE}">${legendText(item)}</text>`;
  });
  const rows = Math.max(...placed.map(({ row }) => row)) + 1;
  const label = `${api.api} requirements: ${parts.map((part) => `${part.count} ${part.label}`).join(', ')}`;
  return svg(label, width, legendTop + rows * LINE, [...stackedBar(parts, width), ...legend]);
}

function statusColour(status: string): string {
  if (/^2/.test(status)) return COLOURS.held;
  if (/^4/.test(status)) return '#0969da';
  if (/^5/.test(status)) return COLOURS.broken;
  return COLOURS['not-run'];
}

/** Horizontal bars: the answers the run observed, by status; undocumented statuses are marked. */
export function statusChart(api: ApiReport): Html {
  const documented = new Set(api.responseCodes.map((code) => code.status));
  const rows = api.observedStatuses.map((row) => ({
    ...row,
    label: row.status === 'no answer' || documented.has(row.status) ? row.status : `${row.status} (undocumented)`,
  }));
  const labelColumn = Math.max(0, ...rows.map((row) => estimatedTextWidth(row.label))) + 8;
  const countColumn = Math.max(0, ...rows.map((row) => estimatedTextWidth(String(row.count)))) + 4;
  const width = Math.max(MIN_WIDTH, labelColumn + MIN_BAR_AREA + countColumn);
  const max = Math.max(1, ...rows.map((row) => row.count));
  const bars = rows.map((row, index) => {
    const top = index * LINE;
    const barWidth = Math.max(1, (row.count / max) * (width - labelColumn - countColumn));
    return html`<text x="0" y="${top + BASELINE}">${row.label}</text><rect x="${labelColumn}" y="${top + 2}" width="${barWidth.toFixed(1)}" height="${BAR}" fill="${statusColour(row.status)}"><title>${row.count} answers with ${row.status}</title></rect><text x="${(labelColumn + barWidth + 4).toFixed(1)}" y="${top + BASELINE}">${row.count}</text>`;
  });
  const label = `${api.api} observed statuses: ${rows.map((row) => `${row.status} ×${row.count}`).join(', ') || 'none'}`;
  return svg(label, width, Math.max(1, rows.length) * LINE, bars);
}
