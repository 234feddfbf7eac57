// A run waits on each next case unless a stop or a planning failure comes first
// (runner/interruption.ts); over a million cases, what it waited on must not stay in memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Interruption } from '../runner/interruption.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('an interruption', () => {
  it('passes on what each step gives while nothing interrupts', async () => {
    const stop = new Interruption<'stopped'>();
    await expect(stop.race(Promise.resolve('case 1'))).resolves.toBe('case 1');
    await expect(stop.race(Promise.reject(new Error('batch failed')))).rejects.toThrow('batch failed');
  });

  it('settles the step waited on at once, and every later step, with the first outcome', async () => {
    const stop = new Interruption<'stopped'>();
    const waiting = stop.race(new Promise<string>(() => undefined));
    stop.interrupt({ value: 'stopped' });
    stop.interrupt({ error: new Error('too late') });
    await expect(waiting).resolves.toBe('stopped');
    await expect(stop.race(Promise.resolve('case 2'))).resolves.toBe('stopped');
    const failure = new Interruption();
    const failing = failure.race(new Promise<string>(() => undefined));
    failure.interrupt({ error: new Error('planning failed') });
    await expect(failing).rejects.toThrow('planning failed');
  });

  it('keeps no step it waited on once that step has settled (Promise.race against a pending promise kept every one)', async () => {
    const stop = new Interruption<'stopped'>();
    const refs: WeakRef<object>[] = [];
    for (let index = 0; index < 200; index += 1) {
      const testCase = { id: `case ${index}`, body: 'x'.repeat(1000) };
      refs.push(new WeakRef(testCase));
      await stop.race(Promise.resolve(testCase));
    }
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(refs.filter((ref) => ref.deref() !== undefined).length).toBeLessThan(5);

    // The same loop through Promise.race keeps them all: the test can tell.
    const never = new Promise<never>(() => undefined);
    const raced: WeakRef<object>[] = [];
    for (let index = 0; index < 200; index += 1) {
      const testCase = { id: `case ${index}` };
      raced.push(new WeakRef(testCase));
      await Promise.race([Promise.resolve(testCase), never]);
    }
    collectGarbage();
    expect(raced.filter((ref) => ref.deref() !== undefined).length).toBe(200);
  });
});
