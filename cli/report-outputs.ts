import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../engine/errors.ts';
import type { ReportModel } from '../reports/report-model.ts';

export interface ReportOutputs {
  html?: string;
  junit?: string;
}

/** Said before a long run starts, not after it: a report that cannot be written, or two outputs in one file, is a usage error. */
export function prepareReportOutputs(outputs: ReportOutputs & { json?: string; ledger?: string }): void {
  const flag = (option: string) => `--${option === 'html' ? 'report' : option}`;
  const seen = new Map<string, string>();
  for (const [option, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    const other = seen.get(path.resolve(file));
    if (other) throw new UsageError(`${other} and ${flag(option)} name the same file ${file}: one would overwrite the other`);
    seen.set(path.resolve(file), flag(option));
  }
  for (const [option, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    try {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (error) {
      throw new UsageError(`${flag(option)}: cannot create the folder of ${file}: ${(error as Error).message}`);
    }
  }
}

/** Writes the HTML and JUnit reports that were asked for; returns one line per file written. Each writer is loaded only when asked for. */
export async function writeReportOutputs(model: ReportModel, outputs: ReportOutputs): Promise<string[]> {
  const written: string[] = [];
  if (outputs.html) {
    const { htmlReport } = await import('../reports/html-report.ts');
    writeFileSync(outputs.html, htmlReport(model), 'utf8');
    written.push(`HTML report: ${outputs.html}`);
  }
  if (outputs.junit) {
    const { junitXml } = await import('../reports/junit-report.ts');
    writeFileSync(outputs.junit, junitXml(model), 'utf8');
    written.push(`JUnit XML: ${outputs.junit}`);
  }
  return written;
}
