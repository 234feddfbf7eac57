/**
 * A function of a string (or a number) remembered for up to `limit` keys: what is computed again and again
 * from the same text (a pointer of the spec, a template sent in every request) is computed
 * once, and a run of any size holds at most `limit` results (the oldest is forgotten first).
 * The results are shared between callers, so they must be treated as read-only.
 */
export function boundedMemo<V, K extends string | number = string>(limit: number, compute: (key: K) => V): (key: K) => V {
  const remembered = new Map<K, V>();
  return (key) => {
    const known = remembered.get(key);
    if (known !== undefined || remembered.has(key)) return known as V;
    const value = compute(key);
    if (remembered.size >= limit) remembered.delete(remembered.keys().next().value as K);
    remembered.set(key, value);
    return value;
  };
}
