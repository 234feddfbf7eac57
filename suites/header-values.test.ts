import { describe, expect, it } from 'vitest';
import { mapHeaderValues } from '../runner/header-values.ts';

describe('mapHeaderValues', () => {
  it('maps each value and keeps the names in their order, as Object.fromEntries over the mapped entries', () => {
    const headers = { 'content-type': 'application/json', date: 'today', 'x-request-id': 'abc' };
    const mapped = mapHeaderValues(headers, (value, name) => `${name}=${value.toUpperCase()}`);
    expect(mapped).toEqual(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `${name}=${value.toUpperCase()}`])));
    expect(Object.keys(mapped)).toEqual(['content-type', 'date', 'x-request-id']);
  });

  it('leaves out a header whose value maps to undefined', () => {
    expect(mapHeaderValues({ a: '1', b: undefined, c: '3' }, (value) => value)).toEqual({ a: '1', c: '3' });
  });

  it('keeps a __proto__ header as an own member (a hostile answer can send one), never as the prototype', () => {
    const headers = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>;
    const mapped = mapHeaderValues(headers, (value) => value);
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(JSON.stringify(mapped)).toBe('{"__proto__":"x","constructor":"y"}');
  });
});
