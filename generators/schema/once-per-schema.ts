import { canonicalJson } from './canonical-json.ts';

/**
 * A function whose values depend on a schema and one plain argument alone, computed once per
 * distinct pair: planning asks for the same schema's values many times (for each requirement,
 * from each base a breach is sent from). Each call gets a copy: callers put the values into
 * requests, and may change those.
 */
export function oncePerSchema<S, A extends string | number>(values: (schema: S, argument: A) => unknown[]): (schema: S, argument: A) => unknown[] {
  const made = new Map<string, unknown[]>();
  return (schema, argument) => {
    const key = `${argument} ${canonicalJson(schema)}`;
    let known = made.get(key);
    if (!known) {
      known = values(schema, argument);
      made.set(key, known);
    }
    return structuredClone(known);
  };
}
