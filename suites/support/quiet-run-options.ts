import { API_NAMES } from '../../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../../apis/config.ts';
import type { ReportedRunOptions } from '../../cli/run-with-reporters.ts';

/**
 * Options of a run against the embedded mock that prints nothing, keeping what it would have
 * printed in `output`: all five APIs, strict (inferred requirements count too, so a clean pass
 * and each catch are the whole truth), concurrency 8; the caller fixes seed and runs.
 */
export function quietRunOptions(overrides: Partial<ReportedRunOptions> & Pick<ReportedRunOptions, 'seed' | 'runs'>): ReportedRunOptions & { output: string[] } {
  const output: string[] = [];
  return {
    config: DEFAULT_CONFIG,
    apis: [...API_NAMES],
    strict: true,
    concurrency: 8,
    console: { write: (text: string) => void output.push(text) },
    progress: { write: () => undefined },
    showProgress: false,
    output,
    ...overrides,
  };
}
