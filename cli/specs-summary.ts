import type { LoadedSpec } from '../engine/spec-loader.ts';

/** Per API: requirements by kind (schema / rule / untestable) and level, and errata. */
export interface SpecSummary {
  api: string;
  schema: { explicit: number; inferred: number };
  rule: { explicit: number; inferred: number };
  untestable: number;
  errata: number;
}

export function summarizeSpec(spec: LoadedSpec): SpecSummary {
  const summary: SpecSummary = {
    api: spec.api,
    schema: { explicit: 0, inferred: 0 },
    rule: { explicit: 0, inferred: 0 },
    untestable: 0,
    errata: spec.errata.length,
  };
  for (const requirement of spec.requirements) {
    if (requirement.schema) summary.schema[requirement.level] += 1;
    else if (requirement.rule) summary.rule[requirement.level] += 1;
    else summary.untestable += 1;
  }
  return summary;
}

export function formatSummaryTable(summaries: SpecSummary[]): string {
  const header = ['API', 'schema explicit', 'schema inferred', 'rule explicit', 'rule inferred', 'untestable', 'errata'];
  const rows = summaries.map((s) => [s.api, s.schema.explicit, s.schema.inferred, s.rule.explicit, s.rule.inferred, s.untestable, s.errata].map(String));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
