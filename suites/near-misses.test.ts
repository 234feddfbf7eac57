// Near misses (issue 16): a server that checks a pattern by its first character only, an IPv4
// address without the octet's range, a CIDR prefix up to 99, passes a plan that sends only
// far-off values. For every pattern, format and numeric or length range a request-side schema
// requirement claims, a default run's plan (seed 1, 50 runs) holds a negative just outside,
// labelled with that requirement, and a positive just inside — or the plan says why not (not
// run, or every such candidate discarded with its reason). The table is printed: nothing is
// skipped silently. What "just outside" and "just inside" mean: suites/support/near-miss-sites.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { valueAt } from '../engine/rules/rule-paths.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { baseRequest } from '../apis/base-requests.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { canMissAfterStart, describeCheck, isEdge, isNearMiss, sitesOf, valuesAt, type Site } from './support/near-miss-sites.ts';

const specs = new Map<ApiName, LoadedSpec>();
const plans = new Map<ApiName, ApiPlan>();

beforeAll(async () => {
  for (const api of API_NAMES) {
    const spec = await loadSpec(api);
    specs.set(api, spec);
    plans.set(api, planApi(spec, DEFAULT_CONFIG, { seed: 1, runs: 50 }));
  }
}, 120_000);

function casesOf(plan: ApiPlan, site: Site, polarity: PlannedCase['polarity']): PlannedCase[] {
  return plan.cases.filter((testCase) => testCase.polarity === polarity && testCase.requirementId === site.requirementId);
}

/** Where a pattern's near miss may first differ from a valid value: after the first character, unless nothing valid can be missed there. */
function startAt(api: ApiName, plan: ApiPlan, site: Site): number {
  if (site.check.kind !== 'pattern') return 0;
  const valid = [...casesOf(plan, site, 'positive').flatMap((testCase) => valuesAt(site, testCase)), valueAt(baseRequest(api, DEFAULT_CONFIG), site.pointer)];
  return canMissAfterStart(
    site.check.pattern,
    valid.filter((value): value is string => typeof value === 'string'),
  )
    ? 1
    : 0;
}

/** Why the plan holds no such case: the requirement is not run, or its candidates were discarded with a reason. */
function statedReason(plan: ApiPlan, site: Site, polarity: PlannedCase['polarity']): string | undefined {
  const notRun = plan.notRunnable.find((item) => item.requirementId === site.requirementId);
  if (notRun) return `not run: ${notRun.reason}`;
  const label = polarity === 'negative' ? `(breaks ${site.keyword})` : `(${site.keyword} boundary, inside)`;
  const discarded = plan.discarded.filter(
    (item) => item.requirementId === site.requirementId && item.description.includes(label) && (item.why || item.failures.length),
  );
  if (!discarded.length) return undefined;
  return `discarded: ${discarded.map((item) => `${item.description}: ${item.why ?? `breaks ${item.failures.join(', ')}`}`).join('; ')}`;
}

interface Row {
  site: Site;
  nearMiss?: unknown;
  edge?: unknown;
  nearMissReason?: string;
  edgeReason?: string;
}

function rowOf(api: ApiName, plan: ApiPlan, site: Site): Row {
  const from = startAt(api, plan, site);
  const nearMiss = casesOf(plan, site, 'negative')
    .flatMap((testCase) => valuesAt(site, testCase))
    .find((value) => isNearMiss(site.check, value, from));
  const edge = casesOf(plan, site, 'positive')
    .flatMap((testCase) => valuesAt(site, testCase))
    .find((value) => isEdge(site.check, value));
  return {
    site,
    ...(nearMiss !== undefined ? { nearMiss } : { nearMissReason: statedReason(plan, site, 'negative') }),
    ...(edge !== undefined ? { edge } : { edgeReason: statedReason(plan, site, 'positive') }),
  };
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 44 ? `${text.slice(0, 40)}…(${text.length})` : text;
}

function printed(row: Row): string {
  const { site } = row;
  const nearMiss = row.nearMiss !== undefined ? `near miss ${shown(row.nearMiss)}` : `no near miss (${row.nearMissReason ?? 'NO REASON'})`;
  const edge = row.edge !== undefined ? `edge ${shown(row.edge)}` : `no edge (${row.edgeReason ?? 'NO REASON'})`;
  return `  ${site.requirementId} [${describeCheck(site.check)}${site.within === 'value' ? '' : ` of ${site.within}`}]\n    ${nearMiss}\n    ${edge}`;
}

function valuesOf(api: ApiName, requirementId: string, polarity: PlannedCase['polarity']): unknown[] {
  const plan = plans.get(api) as ApiPlan;
  const site = sitesOf(specs.get(api) as LoadedSpec).find((candidate) => candidate.requirementId === requirementId) as Site;
  return casesOf(plan, site, polarity).flatMap((testCase) => valuesAt(site, testCase));
}

describe('near misses and edge values in a default plan (seed 1, 50 runs)', () => {
  it.each(API_NAMES)('%s: every pattern, format and range has a near miss and an edge value, or a stated reason', (api) => {
    const plan = plans.get(api) as ApiPlan;
    const rows = sitesOf(specs.get(api) as LoadedSpec).map((site) => rowOf(api, plan, site));
    console.log(`${api}: ${rows.length} patterns, formats and ranges\n${rows.map(printed).join('\n')}`);
    expect(rows.length).toBeGreaterThan(0);
    const unexplained = rows.filter((row) => (row.nearMiss === undefined && !row.nearMissReason) || (row.edge === undefined && !row.edgeReason)).map(printed);
    expect(unexplained).toEqual([]);
  });

  // The deviations users found (issue 16), each now among the planned requests.
  it('sends a stack name that starts well and breaks later: a symbol at the end, a space or a non-ASCII letter inside', () => {
    const names = valuesOf('orchestration-stacks', 'orchestration-stacks/stack-name-pattern', 'negative').filter(
      (value): value is string => typeof value === 'string',
    );
    expect(names.some((name) => /^[a-zA-Z][a-zA-Z0-9_.-]*[^a-zA-Z0-9_.-]$/.test(name))).toBe(true);
    expect(names.some((name) => /^[a-zA-Z][a-zA-Z0-9_.-]* [a-zA-Z0-9_.-]+$/.test(name))).toBe(true);
    expect(names.some((name) => /^[a-zA-Z][a-zA-Z0-9_.-]*[^\x00-\x7f][a-zA-Z0-9_.-]*$/.test(name))).toBe(true);
    expect(
      valuesOf('orchestration-stacks', 'orchestration-stacks/stack-name-pattern', 'positive').some((name) => typeof name === 'string' && /[-.]$/.test(name)),
    ).toBe(true);
  });

  it('sends a fixed IP with an octet of 256, expected codes of two digits and with a trailing comma, a CIDR prefix of /33', () => {
    expect(valuesOf('compute-servers', 'compute-servers/fixed-ip-is-ip-address', 'negative')).toContain('10.0.0.256');
    const codes = valuesOf('lbaas-healthmonitors', 'lbaas-healthmonitors/expected-codes-format', 'negative').filter(
      (value): value is string => typeof value === 'string',
    );
    expect(codes.some((code) => /^[1-5][0-9]$/.test(code))).toBe(true);
    expect(codes.some((code) => /^[1-5][0-9]{2},$/.test(code))).toBe(true);
    expect(codes.some((code) => /^ [1-5][0-9]{2}$/.test(code))).toBe(true);
    expect(valuesOf('cloud-databases-ha', 'cloud-databases-ha/acl-address-is-cidr', 'negative')).toContain('10.0.0.0/33');
  });
});
