import type { Fault } from '../mock/fault-catalogue.ts';
import type { ConformingRun, MutationCampaignResult, MutationRow } from './mutation-campaign.ts';

/**
 * The mutation campaign as a plain-text table: one row per fault (fault, kind, killed?, by which
 * requirement, time), the kill rate, and the conforming runs (no false alarm).
 */
export interface TableLayout {
  fault: number;
  kind: number;
  requirement: number;
}

const KILLED_WIDTH = 'killed?'.length;
const TIME_WIDTH = 7;

const BY = 'by which requirement';

export function tableLayout(faults: readonly Pick<Fault, 'id' | 'kind' | 'breaks'>[]): TableLayout {
  return {
    fault: Math.max('fault'.length, ...faults.map((fault) => fault.id.length)),
    kind: Math.max('kind'.length, ...faults.map((fault) => fault.kind.length)),
    requirement: Math.max(BY.length, ...faults.map((fault) => fault.breaks.length)),
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatHeader(layout: TableLayout): string {
  const line = `${'fault'.padEnd(layout.fault)}  ${'kind'.padEnd(layout.kind)}  ${'killed?'.padEnd(KILLED_WIDTH)}  ${BY.padEnd(layout.requirement)}  ${'time'.padStart(TIME_WIDTH)}`;
  return `${line}\n${'-'.repeat(line.length)}\n`;
}

/** A killed fault names the requirement that caught it; a survivor what the run found broken instead. */
export function formatRow(row: MutationRow, layout: TableLayout): string {
  const verdict = row.killed ? 'yes' : 'NO';
  const by = row.killed ? (row.killedBy ?? row.breaks) : '-';
  const survivor = row.killed
    ? ''
    : `  SURVIVED: ${row.breaks} not reported broken (exit ${row.exitCode}${row.brokenRequirements.length ? `; broken: ${row.brokenRequirements.join(', ')}` : ''})`;
  return `${row.id.padEnd(layout.fault)}  ${row.kind.padEnd(layout.kind)}  ${verdict.padEnd(KILLED_WIDTH)}  ${by.padEnd(layout.requirement)}  ${seconds(row.ms).padStart(TIME_WIDTH)}${survivor}\n`;
}

export function formatConforming(run: ConformingRun): string {
  const verdict = run.passed
    ? 'passed, no false alarm'
    : `FALSE ALARM: exit ${run.exitCode}${run.brokenRequirements.length ? `, broken: ${run.brokenRequirements.join(', ')}` : ''}`;
  return `conforming mock (${run.personality}): ${run.cases} cases, ${seconds(run.ms)}: ${verdict}\n`;
}

export function formatKillRate(result: Pick<MutationCampaignResult, 'killed' | 'total' | 'killRate'>): string {
  const rate = Number.isInteger(result.killRate) ? String(result.killRate) : result.killRate.toFixed(1);
  return `killed ${result.killed} of ${result.total} faults (${rate}%)\n`;
}

/** The whole table at once (the CLI prints it row by row instead). */
export function formatMutationTable(result: MutationCampaignResult, faults: readonly Pick<Fault, 'id' | 'kind' | 'breaks'>[] = result.rows): string {
  const layout = tableLayout(faults);
  return [
    ...result.conforming.map(formatConforming),
    '\n',
    formatHeader(layout),
    ...result.rows.map((row) => formatRow(row, layout)),
    '\n',
    formatKillRate(result),
  ].join('');
}
