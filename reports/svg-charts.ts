import type { ApiReport } from './report-model.ts';
import { html, type Html } from './html-template.ts';

const COLOURS = { held: '#1a7f37', broken: '#cf222e', warned: '#9a6700', 'not-run': '#8c959f' } as const;
const WIDTH = 360;
const BAR = 14;

/** One stacked bar: how many requirements held, broke, warned, did not run. */
export function verdictChart(api: ApiReport): Html {
  const parts = [
    { key: 'held', label: 'held', count: api.held },
    { key: 'broken', label: 'broken', count: api.broken },
    { key: 'warned', label: 'warned', count: api.warned },
    { key: 'not-run', label: 'not run', count: api.notRun },
  ] as const;
  const total = parts.reduce((sum, part) => sum + part.count, 0) || 1;
  let x = 0;
  const segments = parts.map((part) => {
    const width = (part.count / total) * WIDTH;
    const segment = html`<rect x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="${BAR}" fill="${COLOURS[part.key]}"><title>${part.count} ${part.label}</title></rect>`;
    x += width;
    return segment;
  });
  let legendX = 0;
  const legend = parts.map((part) => {
    const item = html`<rect x="${legendX}" y="${BAR + 6}" width="10" height="10" fill="${COLOURS[part.key]}"/><text x="${legendX + 14}" y="${BAR + 15}">${part.label} ${part.count}</text>`;
    legendX += 90;
    return item;
  });
  const label = `${api.api} requirements: ${parts.map((part) => `${part.count} ${part.label}`).join(', ')}`;
  return html`<svg class="chart" role="img" aria-label="${label}" width="${WIDTH}" height="${BAR + 22}" viewBox="0 0 ${WIDTH} ${BAR + 22}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title>${segments}${legend}</svg>`;
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
  const rows = api.observedStatuses;
  const max = Math.max(1, ...rows.map((row) => row.count));
  const labelWidth = 110;
  const height = rows.length * (BAR + 4) + 2;
  const bars = rows.map((row, index) => {
    const y = index * (BAR + 4);
    const width = Math.max(1, (row.count / max) * (WIDTH - labelWidth - 60));
    const note = row.status === 'no answer' || documented.has(row.status) ? '' : ' (undocumented)';
    return html`<text x="0" y="${y + BAR - 3}">${row.status}${note}</text><rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${statusColour(row.status)}"><title>${row.count} answers with ${row.status}</title></rect><text x="${(labelWidth + width + 4).toFixed(1)}" y="${y + BAR - 3}">${row.count}</text>`;
  });
  const label = `${api.api} observed statuses: ${rows.map((row) => `${row.status} ×${row.count}`).join(', ') || 'none'}`;
  return html`<svg class="chart" role="img" aria-label="${label}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title>${bars}</svg>`;
}
