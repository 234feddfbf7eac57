/**
 * Fields of a case result made the first time they are read, then kept: a result's redacted
 * request and reproducer curl are read for the few cases a report keeps or a failure shows (and
 * by --json), not for each of a run's thousands. Each is an enumerable own property in its place
 * among the fields, so a result spread, cloned or written as JSON reads it as any other field, and
 * its fields keep their order.
 */

/** A field's maker, until the field is first read. */
class Unmade {
  constructor(readonly make: () => unknown) {}
}

/** A field name's getter, the one every object shares (so that objects built alike have the same shape), and each object's maker, then its value. */
interface LazyField {
  getter: (this: object) => unknown;
  values: WeakMap<object, unknown>;
}

const fieldsByName = new Map<string, LazyField>();

function lazyField(name: string): LazyField {
  const known = fieldsByName.get(name);
  if (known) return known;
  const values = new WeakMap<object, unknown>();
  const field: LazyField = {
    values,
    getter(this: object): unknown {
      const value = values.get(this);
      if (!(value instanceof Unmade)) return value;
      const made = value.make();
      values.set(this, made);
      return made;
    },
  };
  fieldsByName.set(name, field);
  return field;
}

/** Adds `name` to `target`, after the fields it has, as the value `make` gives when it is first read. */
export function addLazyField(target: object, name: string, make: () => unknown): void {
  const { values, getter } = lazyField(name);
  Object.defineProperty(target, name, { get: getter, enumerable: true, configurable: true });
  values.set(target, new Unmade(make));
}
