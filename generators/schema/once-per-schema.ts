import { canonicalJson } from './canonical-json.ts';

/** Each named memo's values by `argument canonical-JSON-of-schema`: what generators/schema-values-cache.ts keeps on disk. */
const memos = new Map<string, Map<string, unknown[]>>();

/** Every memo's values made so far (read-only: a caller copies what it changes). */
export function schemaValueMemos(): ReadonlyMap<string, ReadonlyMap<string, unknown[]>> {
  return memos;
}

/** Values made by an earlier process (with the same code): taken as if made here, an entry already made here kept. */
export function adoptSchemaValues(kept: ReadonlyMap<string, ReadonlyMap<string, unknown[]>>): void {
  for (const [name, entries] of kept) {
    const memo = memos.get(name) ?? new Map<string, unknown[]>();
    memos.set(name, memo);
    for (const [key, values] of entries) if (!memo.has(key)) memo.set(key, values);
  }
}

/**
 * A function whose values depend on a schema and one plain argument alone, computed once per
 * distinct pair: planning asks for the same schema's values many times (for each requirement,
 * from each base a breach is sent from). A schema object is known by its identity first (no
 * JSON to make), then by its canonical JSON (an equal schema elsewhere in the spec). Each call
 * gets a copy: callers put the values into requests, and may change those. The memo's `name`
 * keys its values on disk, between runs.
 */
export function oncePerSchema<S, A extends string | number>(
  name: string,
  values: (schema: S, argument: A) => unknown[],
): (schema: S, argument: A) => unknown[] {
  if (!memos.has(name)) memos.set(name, new Map());
  const byJson = memos.get(name) as Map<string, unknown[]>;
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
