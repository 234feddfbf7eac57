import { loadSpec } from '../../apis/api-specs.ts';
import type { PlannedCase } from '../../engine/run/run-model.ts';
import { everyPlan, planRun, type PlanOptions } from '../../runner/run-plan.ts';

/** The plan of these APIs, each API's header and every case as the run would take them, as JSON. */
export async function plannedBytes(apis: string[], options: PlanOptions): Promise<string> {
  const specs = await Promise.all(apis.map((api) => loadSpec(api)));
  const planned = await planRun(specs, options);
  try {
    const plans: { header: unknown; cases: PlannedCase[] }[] = [];
    for (const api of await everyPlan(planned)) {
      const cases: PlannedCase[] = [];
      for await (const testCase of api.cases) cases.push(testCase);
      plans.push({ header: api.plan, cases });
    }
    return JSON.stringify(plans);
  } finally {
    await planned.close();
  }
}
