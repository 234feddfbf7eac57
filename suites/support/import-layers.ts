import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders' layering (README.md, Layout), checked from the sources' own text: each .ts file's
 * imports, read with a regular expression (no resolver, no parser), so this check and the
 * eslint rules (eslint.config.js) do not share a blind spot.
 */

/** Bottom to top: a layer imports only the layers before it. */
export const LAYERS = ['engine', 'apis', 'generators', 'mock', 'runner', 'reports', 'cli'] as const;
/** Above every layer: they may import any of them. */
export const ABOVE_ALL = ['bench', 'tools', 'suites'] as const;
/** Layers that stand side by side on those below: the mock does not import the generators. */
const SIDE_BY_SIDE: Record<string, readonly string[]> = { mock: ['generators'] };

export interface SourceFile {
  /** Relative to the project's root, with `/`. */
  path: string;
  text: string;
}

export interface FolderImport {
  file: string;
  target: string;
  from: string;
  to: string;
}

const IMPORT_PATTERNS = [/\bfrom\s+(['"])(\.{1,2}\/[^'"]+)\1/g, /\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g, /^\s*import\s+(['"])(\.{1,2}\/[^'"]+)\1/gm];

/** The relative imports of a file (static, `export … from`, side-effect and dynamic), as paths from the root. */
export function importedPaths(file: SourceFile): string[] {
  const specifiers = IMPORT_PATTERNS.flatMap((pattern) => [...file.text.matchAll(pattern)].map((match) => match[2] as string));
  return specifiers.map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier)));
}

function folderOf(file: string): string {
  return file.includes('/') ? (file.split('/')[0] as string) : '.';
}

/** Every import that crosses from one folder to another. */
export function folderImports(files: readonly SourceFile[]): FolderImport[] {
  return files.flatMap((file) =>
    importedPaths(file)
      .map((target) => ({ file: file.path, target, from: folderOf(file.path), to: folderOf(target) }))
      .filter((edge) => edge.from !== edge.to),
  );
}

function mayImport(from: string, to: string): boolean {
  const layer = LAYERS.indexOf(from as (typeof LAYERS)[number]);
  if (layer === -1) return true;
  if (SIDE_BY_SIDE[from]?.includes(to)) return false;
  const target = LAYERS.indexOf(to as (typeof LAYERS)[number]);
  if (target !== -1) return target < layer;
  return !(ABOVE_ALL as readonly string[]).includes(to);
}

/** Imports from a layer to one it may not import: a layer above it, a side-by-side layer, or bench/tools/suites. */
export function upwardImports(files: readonly SourceFile[]): string[] {
  return folderImports(files)
    .filter((edge) => !mayImport(edge.from, edge.to))
    .map((edge) => `${edge.file} imports ${edge.target}: ${edge.from}/ may not import ${edge.to}/`);
}

/** Groups of folders that import each other, directly or through others; each with one import per edge of the group. */
export function folderCycles(files: readonly SourceFile[]): string[] {
  const edges = folderImports(files);
  const next = new Map<string, Set<string>>();
  for (const edge of edges) next.set(edge.from, (next.get(edge.from) ?? new Set()).add(edge.to));
  const reachable = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      for (const folder of next.get(stack.pop() as string) ?? []) {
        if (seen.has(folder)) continue;
        seen.add(folder);
        stack.push(folder);
      }
    }
    return seen;
  };
  const reach = new Map([...next.keys()].map((folder) => [folder, reachable(folder)]));
  const inCycle = (a: string, b: string) => Boolean(reach.get(a)?.has(b) && reach.get(b)?.has(a));
  const groups = new Map<string, string[]>();
  for (const folder of reach.keys()) {
    const group = [...reach.keys()].filter((other) => other === folder || inCycle(folder, other)).sort();
    if (group.length > 1) groups.set(group.join(', '), group);
  }
  return [...groups].map(([names, group]) => {
    const examples = group.flatMap((from) =>
      group.filter((to) => to !== from).flatMap((to) => edges.filter((edge) => edge.from === from && edge.to === to).slice(0, 1)),
    );
    return `folders ${names} import each other: ${examples.map((edge) => `${edge.file} imports ${edge.target}`).join('; ')}`;
  });
}

/** Every .ts file of the project (not node_modules, not generated output), with its text. */
export function projectSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.') && child !== 'reports/output') walk(child);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push({ path: child, text: readFileSync(path.join(root, child), 'utf8') });
    }
  };
  walk('');
  return files;
}
