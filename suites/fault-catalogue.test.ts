// The fault catalogue (apis/<api>/faults.yaml) as data: every entry names a requirement of its API and
// carries that requirement's sentence verbatim; together they cover every kind of deviation and
// every API; and a malformed entry is refused at load with an error that says where and what.
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { type ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import { isResponseRequirement, RESPONSE_RULE_KINDS, STATEFUL_RULE_KINDS } from '../engine/spec/requirement-model.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { FAULT_KINDS, faultCatalogue, validateFaultCatalogue, type Fault, type FaultEffect, type FaultKind } from '../mock/fault-catalogue.ts';
import { whenOf } from './support/fault-inputs.ts';

const specs = new Map<ApiName, LoadedSpec>(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));
const faults = faultCatalogue();

function requirementOf(fault: Fault, id = fault.breaks) {
  const spec = specs.get(fault.api);
  return spec && requirementById(spec, id);
}

/** Which effects make each kind of deviation. */
const EFFECTS_OF_KIND: Record<FaultKind, (keyof FaultEffect)[]> = {
  'accepts-invalid': ['ignore', 'ignoreWhen'],
  'rejects-valid': ['refuse'],
  'wrong-success-status': ['successStatus'],
  'broken-success': ['successBody', 'successHeaders'],
  'wrong-content-type': ['successHeaders'],
  'auth-bypass': ['ignore', 'ignoreWhen'],
  state: ['ignore', 'ignoreWhen'],
  'server-error': ['fail'],
  hang: ['hang'],
  drop: ['drop'],
};

describe('the fault catalogue (apis/<api>/faults.yaml)', () => {
  it('holds at least 40 faults, under unique ids', () => {
    expect(faults.length).toBeGreaterThanOrEqual(40);
    expect(new Set(faults.map((fault) => fault.id)).size).toBe(faults.length);
  });

  it('covers every kind of deviation and every API', () => {
    expect(FAULT_KINDS.filter((kind) => !faults.some((fault) => fault.kind === kind))).toEqual([]);
    expect(API_NAMES.filter((api) => !faults.some((fault) => fault.api === api))).toEqual([]);
  });

  it.each(faults)('$id breaks a requirement of $api and quotes its sentence verbatim', (fault) => {
    const requirement = requirementOf(fault);
    expect(requirement, `${fault.breaks} in apis/${fault.api}/spec.yaml`).toBeDefined();
    expect(fault.sentence).toBe(requirement?.cite.quote);
    expect(requirement?.testable, 'a requirement the suite can test').not.toBe(false);
    for (const id of fault.effect.ignore ?? []) expect(requirementOf(fault, id), `ignored ${id} in apis/${fault.api}/spec.yaml`).toBeDefined();
  });

  it.each(faults)('$id has the effect of its kind ($kind)', (fault) => {
    const effects = Object.keys(fault.effect) as (keyof FaultEffect)[];
    expect(effects.filter((effect) => !EFFECTS_OF_KIND[fault.kind].includes(effect))).toEqual([]);
    const requirement = requirementOf(fault);
    const rule = requirement?.rule?.kind;
    if (fault.effect.ignore) expect(fault.effect.ignore, 'an ignore fault stops enforcing the requirement it breaks').toContain(fault.breaks);
    if (fault.kind === 'auth-bypass') expect(rule).toBe('authenticated');
    if (fault.kind === 'state') expect(STATEFUL_RULE_KINDS).toContain(rule);
    if (fault.kind === 'wrong-success-status') expect(rule).toBe('responseStatus');
    if (fault.kind === 'wrong-content-type') {
      expect(rule).toBe('responseContentType');
      expect(Object.keys(fault.effect.successHeaders?.set ?? {})).toEqual(['content-type']);
    }
    if (fault.kind === 'broken-success') expect(requirement && isResponseRequirement(requirement)).toBe(true);
    if (fault.kind === 'server-error') expect(fault.effect.fail?.status).toBeGreaterThanOrEqual(500);
    if (['accepts-invalid', 'rejects-valid', 'server-error', 'hang', 'drop'].includes(fault.kind)) {
      expect(
        requirement && (requirement.schema !== undefined || !RESPONSE_RULE_KINDS.includes(requirement.rule?.kind ?? 'responseStatus')),
        'a requirement on the request',
      ).toBe(true);
    }
  });

  it.each(faults.filter((fault) => whenOf(fault)))('$id is specific: the base request from the fixtures does not meet its condition', (fault) => {
    expect(conditionHolds(whenOf(fault) as NonNullable<ReturnType<typeof whenOf>>, baseRequest(fault.api, DEFAULT_CONFIG))).toBe(false);
  });
});

describe('loading a fault catalogue', () => {
  const first = faults[0] as Fault;
  const good = (): Record<string, unknown> => {
    const { api: _folder, ...fault } = structuredClone(first);
    return fault as unknown as Record<string, unknown>;
  };
  const faultsFile = (api: string) => faults.filter((fault) => fault.api === api).map(({ api: _folder, ...fault }) => fault);

  it.each(API_NAMES)("accepts the faults of %s as they are, each given its folder's API", (api) => {
    const loaded = validateFaultCatalogue(api, faultsFile(api));
    expect(loaded).toEqual(faults.filter((fault) => fault.api === api));
  });

  it.each([
    ['a missing sentence', () => ({ ...good(), sentence: undefined }), /fault 1 \(.+\): the entry must have required property 'sentence'/],
    ['an unknown kind', () => ({ ...good(), kind: 'sloppy' }), /fault 1 \(.+\): \/kind must be one of "accepts-invalid"/],
    ['an api key (the folder says which API)', () => ({ ...good(), api: 'dns' }), /fault 1 \(.+\): the entry has an unknown key "api"/],
    ['an unknown effect', () => ({ ...good(), effect: { explode: true } }), /\/effect has an unknown key "explode"/],
    [
      'a refusal without status',
      () => ({ ...good(), effect: { refuse: { when: { path: '/body/x', equals: 1 } } } }),
      /\/effect\/refuse must have required property 'status'/,
    ],
    [
      'a condition outside the vocabulary',
      () => ({ ...good(), effect: { hang: { when: { path: '/body/x', resembles: 1 } } } }),
      /\/effect\/hang\/when is not a condition of the vocabulary/,
    ],
    [
      'ignoreWhen without ignore',
      () => ({ ...good(), effect: { ignoreWhen: { path: '/body/x', present: true } } }),
      /\/effect must have property ignore when property ignoreWhen is present/,
    ],
    [
      'a requirement of another API',
      () => ({ ...good(), breaks: 'compute-servers/name-length' }),
      new RegExp(`compute-servers/name-length is not a requirement of ${first.api}`),
    ],
    [
      'a pattern that is not a regular expression',
      () => ({ ...good(), effect: { drop: { when: { path: '/body/x', matches: '(' } } } }),
      /matches "\(" is not a regular expression/,
    ],
  ])('refuses %s, saying where', (_label, make, message) => {
    expect(() => validateFaultCatalogue(first.api, [make()])).toThrow(message);
  });

  it('refuses an id used twice', () => {
    expect(() => validateFaultCatalogue(first.api, [good(), good()])).toThrow(/fault 2 \(.+\): the id is used twice/);
  });
});
