import type { PlannedApi } from '../runner/run-plan.ts';
import { casesLeft } from '../runner/run-plan.ts';

/** `run --dry-run`: every case the run would send, one line each, and what it would leave out. */
export function formatDryRun(planned: PlannedApi[]): string {
  const lines: string[] = [];
  for (const { spec, cases } of planned) {
    lines.push(`${spec.api}: ${cases.length} cases (${spec.method.toUpperCase()} ${spec.path})`);
    for (const testCase of cases) {
      const setup = testCase.setup?.length ? ` (after ${testCase.setup.length} setup request${testCase.setup.length > 1 ? 's' : ''})` : '';
      lines.push(`  ${testCase.id}  ${testCase.request.method} expects ${testCase.expectedStatuses.join('|')}${setup}: ${testCase.description}`);
    }
  }
  const left = Object.entries(casesLeft(planned));
  const total = planned.reduce((sum, api) => sum + api.cases.length, 0);
  lines.push(`${total} cases would be sent; nothing was sent (--dry-run).${left.length ? ` Left out: ${left.map(([why, count]) => `${count} (${why})`).join(', ')}.` : ''}`);
  return `${lines.join('\n')}\n`;
}
