import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { adoptSchemaValues, schemaValueMemos } from './schema/once-per-schema.ts';

/**
 * Each schema's example, invalid and boundary values (generators/schema/once-per-schema.ts) kept
 * on disk between runs, beside the boundary plans: they depend on the schema and the code alone,
 * not on the seed, so a run with a new seed (the default) reuses what any earlier run made.
 * The file is named by the planning fingerprint (generators/plan-cache.ts); V8's serializer
 * keeps every value exactly (-0, NaN, undefined, lone surrogates), which JSON would not.
 */
const PREFIX = 'schema-values-';

/** Entries this process read or wrote per file: a file is read once, and written again only when the memos grew. */
const known = new Map<string, number>();

function fileOf(directory: string, fingerprint: string): string {
  return path.join(directory, `${PREFIX}${fingerprint.slice(0, 32)}.v8`);
}

function entryCount(): number {
  let count = 0;
  for (const memo of schemaValueMemos().values()) count += memo.size;
  return count;
}

/** Takes the values an earlier run kept, once per process; a missing or damaged file is nothing kept. */
export function adoptKeptSchemaValues(directory: string, fingerprint: string): void {
  const file = fileOf(directory, fingerprint);
  if (known.has(file)) return;
  try {
    const kept = deserialize(readFileSync(file)) as { format: number; memos: Map<string, Map<string, unknown[]>> };
    if (kept.format === 1 && kept.memos instanceof Map) adoptSchemaValues(kept.memos);
  } catch {
    // Absent, half-written by a killed process, or not ours: the values are made anew, and written again.
  }
  known.set(file, entryCount());
}

/** Writes the memos when they hold more than the file did (atomically, best effort), and deletes the files of other code. */
export function keepSchemaValues(directory: string, fingerprint: string): void {
  const file = fileOf(directory, fingerprint);
  const count = entryCount();
  if ((known.get(file) ?? 0) >= count) return;
  try {
    mkdirSync(directory, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, serialize({ format: 1, memos: schemaValueMemos() }));
    renameSync(partial, file);
    known.set(file, count);
    for (const name of readdirSync(directory))
      if (name.startsWith(PREFIX) && name.endsWith('.v8') && path.join(directory, name) !== file) rmSync(path.join(directory, name), { force: true });
  } catch {
    // Best effort: a read-only folder costs the next run the time to make the values, nothing else.
  }
}
