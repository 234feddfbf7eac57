/**
 * Drains a generator of synchronous work, letting the event loop turn every `every` items. A
 * vitest worker blocked for a minute misses its calls to the main thread ("Timeout calling
 * onTaskUpdate") and fails the whole run although every test passed.
 */
export async function collectYielding<T>(items: Iterable<T>, every = 100): Promise<T[]> {
  const collected: T[] = [];
  for (const item of items) {
    collected.push(item);
    if (collected.length % every === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return collected;
}
