import { canonicalJson } from './canonical-json.ts';

/**
 * A function whose values depend on a schema and one plain argument alone, computed once per
 * distinct pair: planning asks for the same schema's values many times (for each requirement,
 * from each base a breach is sent from). A schema object is known by its identity first (no
 * JSON to make), then by its canonical JSON (an equal schema elsewhere in the spec). Each call
 * gets a copy: callers put the values into requests, and may change those.
 */
export function oncePerSchema<S, A extends string | number>(values: (schema: S, argument: A) => unknown[]): (schema: S, argument: A) => unknown[] {
  const byJson = new Map<string, unknown[]>();
  const byObject = new WeakMap<object, Map<A, unknown[]>>();
  const made = (schema: S, argument: A): unknown[] => {
    const key = `${argument} ${canonicalJson(schema)}`;
    let known = byJson.get(key);
    if (!known) {
      known = values(schema, argument);
      byJson.set(key, known);
    }
    return known;
  };
  return (schema, argument) => {
    if (typeof schema !== 'object' || schema === null) return structuredClone(made(schema, argument));
    let forSchema = byObject.get(schema);
    if (!forSchema) byObject.set(schema, (forSchema = new Map()));
    let known = forSchema.get(argument);
    if (!known) forSchema.set(argument, (known = made(schema, argument)));
    return structuredClone(known);
  };
}
