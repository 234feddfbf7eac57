/**
 * A function of a string remembered for the most recently used `limit` keys: what is computed
 * again and again from the same text (a pointer of the spec, a template sent in every request)
 * is computed once, and a run of any size holds at most `limit` results. The results are
 * shared between callers, so they must be treated as read-only.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const remembered = new Map<string, V>();
  return (key) => {
    if (remembered.has(key)) {
      const value = remembered.get(key) as V;
      // Most recently used last: the first key is the one to forget.
      remembered.delete(key);
      remembered.set(key, value);
      return value;
    }
    const value = compute(key);
    remembered.set(key, value);
    if (remembered.size > limit) remembered.delete(remembered.keys().next().value as string);
    return value;
  };
}
