import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { keyIdentity, normalizeKeyPart, ruleKeyPointers, ruleKeyValues, ruleScopes, sameKey } from '../engine/rules/rule-keys.ts';

const request: RequestDocument = {
  method: 'POST',
  path: { tenant_id: 't1' },
  header: {},
  body: { server: { networks: [{ uuid: 'a', fixed_ip: '10.0.0.1' }, { uuid: 'b' }] } },
};

describe('rule keys', () => {
  it('scopes a rule to each node its `each` matches, or to the whole request', () => {
    expect(ruleScopes({}, request)).toEqual([[]]);
    expect(ruleScopes({ each: '/body/server/networks/*' }, request)).toEqual([
      ['body', 'server', 'networks', '0'],
      ['body', 'server', 'networks', '1'],
    ]);
  });

  it('reads a key in a scope, and none when a part is absent', () => {
    const rule = { key: ['uuid', 'fixed_ip'], each: '/body/server/networks/*' };
    const [first, second] = ruleScopes(rule, request) as [string[], string[]];
    expect(ruleKeyValues(rule, request, first)).toEqual(['a', '10.0.0.1']);
    expect(ruleKeyValues(rule, request, second)).toBeUndefined();
    expect(ruleKeyPointers(rule, second)).toEqual(['/body/server/networks/1/uuid', '/body/server/networks/1/fixed_ip']);
    expect(ruleKeyValues({ key: ['/path/tenant_id'] }, request, first)).toEqual(['t1']);
  });

  it('names the same item by a UUID dashed or not, in any case, and by 2 or "2"', () => {
    expect(sameKey(['0123456789ABCDEF0123456789abcdef'], ['01234567-89ab-cdef-0123-456789abcdef'])).toBe(true);
    expect(sameKey([2, 'x'], ['2', 'x'])).toBe(true);
    expect(sameKey(['x'], ['X'])).toBe(false);
    expect(sameKey(['x'], ['x', 'y'])).toBe(false);
    expect(keyIdentity(['2'])).toBe(keyIdentity([2]));
  });

  it('writes a key as the JSON text of its normalized parts, whatever they are', () => {
    const odd = [undefined, null, true, Number.NaN, -0, { a: [1, 'B'] }, ['x'], '\ud83c', 'A-B', '01234567-89AB-cdef-0123-456789abcdef'];
    // eslint-disable-next-line no-sparse-arrays
    for (const key of [odd, [], [, 'x'], ['2', 2]]) expect(keyIdentity(key)).toBe(JSON.stringify(key.map(normalizeKeyPart)));
    fc.assert(fc.property(fc.array(fc.anything()), (key) => keyIdentity(key) === JSON.stringify(key.map(normalizeKeyPart))));
  });
});
