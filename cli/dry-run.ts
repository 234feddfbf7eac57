import type { PlannedApi } from '../runner/run-plan.ts';
import { casesLeft } from '../runner/run-plan.ts';

/** `run --dry-run`: every case the run would send, one line each as it is planned, and what it would leave out. */
export async function printDryRun(planned: PlannedApi[], write: (text: string) => void): Promise<void> {
  let total = 0;
  for (const { spec, cases } of planned) {
    write(`${spec.api} (${spec.method.toUpperCase()} ${spec.path}):\n`);
    for await (const testCase of cases) {
      total += 1;
      const setup = testCase.setup?.length ? ` (after ${testCase.setup.length} setup request${testCase.setup.length > 1 ? 's' : ''})` : '';
      write(`  ${testCase.id}  ${testCase.request.method} expects ${testCase.expectedStatuses.join('|')}${setup}: ${testCase.description}\n`);
    }
  }
  const left = Object.entries(casesLeft(planned));
  write(
    `${total} cases would be sent; nothing was sent (--dry-run).${left.length ? ` Left out: ${left.map(([why, count]) => `${count} (${why})`).join(', ')}.` : ''}\n`,
  );
}
