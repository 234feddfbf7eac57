import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { createOracle, type Oracle } from '../generators/case-oracle.ts';
import { DeterministicSampler } from '../generators/deterministic-sampler.ts';
import { validVariations } from '../generators/valid-variations.ts';
import { editsNotReadBy, repairIndependentRules } from '../generators/repair-independent-rules.ts';
import { evaluateRequirement } from '../engine/rules/rule-evaluator.ts';
import { worldOf } from '../engine/world/world-of-spec.ts';
import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';

describe.each(API_NAMES)('%s rules no repair changes', (api) => {
  it('judge every generated request the same before and after it is repaired', async () => {
    const spec = await loadSpec(api);
    const world = worldFromFixtures(api, DEFAULT_CONFIG);
    const oracle = createOracle(spec, world);
    // Every attempt repaired and judged: each request before its repair, then after it.
    const pairs: { before?: RequestDocument; after?: RequestDocument }[] = [];
    const watching: Oracle = Object.assign((request: RequestDocument) => oracle(request), {
      knownValid: (request: RequestDocument) => {
        (pairs[pairs.length - 1] as { after?: RequestDocument }).after = request;
        return oracle.knownValid(request);
      },
      flawedByRuleOf: () => false,
      rulesFlawing: (request: RequestDocument) => {
        pairs.push({ before: request });
        return [];
      },
    });
    for (const _ of validVariations(spec, baseRequest(api, DEFAULT_CONFIG), world, watching, new DeterministicSampler(11), 300));
    const target = worldOf(spec, world);
    const verdicts = (requirement: Requirement, request: RequestDocument | undefined) =>
      evaluateRequirement(requirement, request as RequestDocument, target).verdict;
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    for (const requirement of repairIndependentRules(spec.requirements))
      for (const { before, after } of pairs) expect(verdicts(requirement, after), requirement.id).toBe(verdicts(requirement, before));
  });
});

describe('rules no repair changes', () => {
  const rule = (id: string, fields: Requirement['rule'], refusal?: Requirement['refusal']) =>
    ({ id, level: 'explicit', rule: fields, ...(refusal ? { refusal } : {}) }) as Requirement;
  const requirements = [
    rule('flavor', { kind: 'mustExist', collection: 'flavors', key: ['/body/server/flavorRef'] }),
    rule('network', { kind: 'mustExist', collection: 'networks', key: ['uuid'], each: '/body/server/networks/*' }),
    rule('items', { kind: 'mustExist', collection: 'items', key: ['/body/list/0'] }),
    rule('unstated', { kind: 'forbiddenWhen', when: { path: '/body/a', present: true }, forbidden: { path: '/body/b', present: true } }, 'unstated'),
    rule('count', { kind: 'withinQuota', path: '/body/server/count', quota: 'instances' }),
    rule('reads-flavor', { kind: 'requiredWhen', when: { path: '/body/server/flavorRef', present: true }, required: '/body/x' }),
    rule('reads-server', { kind: 'atLeastOneOf', paths: ['/body/server'] }),
    rule('per-network', { kind: 'requiredWhen', each: '/body/server/networks/*', when: { path: 'fixed_ip', present: true }, required: 'port' }),
    rule('fixed-ip', {
      kind: 'forbiddenWhen',
      when: { path: '/body/server/count', gt: 1 },
      forbidden: { path: '/body/server/networks/*/fixed_ip', present: true },
    }),
    rule('network-count', { kind: 'lessOrEqual', left: { count: '/body/server/networks' }, right: { value: 2 } }),
    rule('list-item', { kind: 'atLeastOneOf', paths: ['/body/list/1'] }),
    rule('reads-b', { kind: 'atMostOne', items: '/body/c/*', where: { path: '/body/b', present: true } }),
    rule('looked-up', { kind: 'mustExist', collection: 'other', key: ['/body/other'] }),
  ];

  it('are those of cheap rules that read nowhere a repair writes, nor above or below it', () => {
    expect(repairIndependentRules(requirements).map(({ id }) => id)).toEqual(['count', 'fixed-ip']);
  });

  it('take back the edits they read, and only those', () => {
    const [count, fixedIp] = repairIndependentRules(requirements) as [Requirement, Requirement];
    const edits = {
      set: { '/body/server/count': 3, '/body/server/name': 'x', '/body/server/networks/0/fixed_ip': '10.0.0.1', '/body/other': 'y' },
      unset: ['/body/server/networks', '/body/server/image'],
    };
    expect(editsNotReadBy(edits, [count])).toEqual({
      set: { '/body/server/name': 'x', '/body/server/networks/0/fixed_ip': '10.0.0.1', '/body/other': 'y' },
      unset: ['/body/server/networks', '/body/server/image'],
    });
    // fixed-ip reads the count and every network's fixed_ip: removing the networks is read too.
    expect(editsNotReadBy(edits, [fixedIp])).toEqual({ set: { '/body/server/name': 'x', '/body/other': 'y' }, unset: ['/body/server/image'] });
    expect(editsNotReadBy(edits, [])).toEqual(edits);
  });
});

describe('valid variations of a draw that breaks a rule no repair changes', () => {
  it('keep the draw, its edits of what the broken rules read taken back (Octavia: a fresh tenant id, a timeout not under the delay)', async () => {
    const api = 'lbaas-healthmonitors';
    const spec = await loadSpec(api);
    const world = worldFromFixtures(api, DEFAULT_CONFIG);
    const oracle = createOracle(spec, world);
    // Each draw is asked which such rules it breaks; a mended one is asked again whether it still breaks one.
    let draws = 0;
    let mended = 0;
    const counting: Oracle = Object.assign((request: RequestDocument) => oracle(request), {
      knownValid: (request: RequestDocument) => oracle.knownValid(request),
      flawedByRuleOf: (request: RequestDocument, rules: Requirement[]) => {
        mended += 1;
        return oracle.flawedByRuleOf(request, rules);
      },
      rulesFlawing: (request: RequestDocument, rules: Requirement[]) => {
        draws += 1;
        return oracle.rulesFlawing(request, rules);
      },
    });
    const variations = [...validVariations(spec, baseRequest(api, DEFAULT_CONFIG), world, counting, new DeterministicSampler(11), 300)];
    expect(variations).toHaveLength(300);
    for (const request of variations) expect(oracle(request)).toEqual([]);
    // Thrown away whole, they took 1,188 draws (two thirds of them broke such a rule).
    expect(mended).toBeGreaterThan(100);
    expect(draws).toBeLessThan(450);
  });
});
