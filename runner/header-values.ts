/**
 * The headers with each value mapped, names and their order kept, a value mapped to undefined
 * left out: what Object.fromEntries over the mapped entries makes (a `__proto__` header too
 * becomes an own member, as undici makes it), without allocating a pair per header, for every
 * request and answer of a run.
 */
export function mapHeaderValues<V>(headers: Readonly<Record<string, V>>, map: (value: V, name: string) => string | undefined): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = map(headers[name] as V, name);
    if (value === undefined) continue;
    if (name === '__proto__') Object.defineProperty(mapped, name, { value, enumerable: true, writable: true, configurable: true });
    else mapped[name] = value;
  }
  return mapped;
}
