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

/** Per field name: each object's maker, then its value. */
const valuesByName = new Map<string, WeakMap<object, unknown>>();
/** Per field name, the one getter every object shares (so that objects built alike have the same shape). */
const gettersByName = new Map<string, (this: object) => unknown>();

function getterFor(name: string): { values: WeakMap<object, unknown>; getter: (this: object) => unknown } {
  let values = valuesByName.get(name);
  let getter = gettersByName.get(name);
  if (!values || !getter) {
    const made = new WeakMap<object, unknown>();
    getter = function read(this: object): unknown {
      const known = made.get(this);
      if (!(known instanceof Unmade)) return known;
      const value = known.make();
      made.set(this, value);
      return value;
    };
    values = made;
    valuesByName.set(name, values);
    gettersByName.set(name, getter);
  }
  return { values, getter };
}

/** Adds `name` to `target`, after the fields it has, as the value `make` gives when it is first read. */
export function addLazyField(target: object, name: string, make: () => unknown): void {
  const { values, getter } = getterFor(name);
  Object.defineProperty(target, name, { get: getter, enumerable: true, configurable: true });
  values.set(target, new Unmade(make));
}
