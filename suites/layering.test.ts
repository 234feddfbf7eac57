import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { folderCycles, folderImports, projectSources, upwardImports, type SourceFile } from './support/import-layers.ts';

/**
 * The folders are layered, bottom to top: engine < generators < mock < runner < reports < cli;
 * bench/, tools/ and suites/ stand above them all. A folder imports only the layers below it,
 * and no two folders import each other, even through a third (eslint.config.js says the same to
 * `npm run lint`).
 */

// The synthetic sources below are built from pieces, so this file's own text holds none of their imports.
const FROM = 'from';
const staticImport = (specifier: string, kind = 'import { x }') => `${kind} ${FROM} '${specifier}';\n`;
const dynamicImport = (specifier: string) => `const loaded = await ${'import'}('${specifier}');\n`;
const source = (file: string, ...lines: string[]): SourceFile => ({ path: file, text: lines.join('') });

describe('the layering of the project', () => {
  const files = projectSources(PROJECT_ROOT);

  it('reads the imports of every layer (a checker that reads nothing would pass anything)', () => {
    const crossing = folderImports(files);
    for (const [from, to] of [
      ['generators', 'engine'],
      ['runner', 'generators'],
      ['reports', 'runner'],
      ['cli', 'reports'],
      ['suites', 'cli'],
    ]) {
      expect(
        crossing.some((edge) => edge.from === from && edge.to === to),
        `${from} → ${to}`,
      ).toBe(true);
    }
  });

  it('has no import from a layer to one above it', () => {
    expect(upwardImports(files)).toEqual([]);
  });

  it('has no folders importing each other', () => {
    expect(folderCycles(files)).toEqual([]);
  });
});

describe('the layering checker, on made-up sources', () => {
  it('catches a deliberately added upward import: the engine reaching into the runner', () => {
    const files = [
      source('engine/run-model.ts', staticImport('../runner/run-case.ts', 'import type { Sender }')),
      source('runner/run-case.ts', staticImport('../engine/run-model.ts')),
    ];
    expect(upwardImports(files)).toEqual(['engine/run-model.ts imports runner/run-case.ts: engine/ may not import runner/']);
    expect(folderCycles(files)).toEqual([
      'folders engine, runner import each other: engine/run-model.ts imports runner/run-case.ts; runner/run-case.ts imports engine/run-model.ts',
    ]);
  });

  it('catches re-exports, dynamic imports, side-effect imports, and a layer importing bench/, tools/ or suites/', () => {
    const files = [
      source('runner/a.ts', staticImport('../reports/b.ts', 'export { b }')),
      source('generators/a.ts', dynamicImport('../cli/main.ts')),
      source('reports/a.ts', `import '../cli/side-effect.ts';\n`),
      source('engine/a.ts', staticImport('../suites/support/helper.ts')),
    ];
    expect(upwardImports(files)).toEqual([
      'runner/a.ts imports reports/b.ts: runner/ may not import reports/',
      'generators/a.ts imports cli/main.ts: generators/ may not import cli/',
      'reports/a.ts imports cli/side-effect.ts: reports/ may not import cli/',
      'engine/a.ts imports suites/support/helper.ts: engine/ may not import suites/',
    ]);
  });

  it('keeps the generators and the mock apart, both standing on the engine', () => {
    const files = [
      source('mock/a.ts', staticImport('../generators/b.ts'), staticImport('../engine/c.ts')),
      source('generators/b.ts', staticImport('../engine/c.ts')),
    ];
    expect(upwardImports(files)).toEqual(['mock/a.ts imports generators/b.ts: mock/ may not import generators/']);
  });

  it('lets each layer import those below it, within its folder, and the folders above all import any layer', () => {
    const files = [
      source('cli/a.ts', staticImport('../reports/b.ts'), staticImport('../runner/c.ts'), staticImport('./d.ts')),
      source('reports/b.ts', staticImport('../runner/c.ts'), staticImport('../engine/e.ts')),
      source('runner/c.ts', staticImport('../mock/f.ts'), staticImport('../generators/g.ts'), staticImport('./nested/h.ts')),
      source('suites/t.ts', staticImport('../cli/a.ts'), staticImport('../engine/e.ts'), staticImport('../tools/x.ts')),
    ];
    expect(upwardImports(files)).toEqual([]);
    expect(folderCycles(files)).toEqual([]);
  });

  it('catches folders importing each other through a third, where no import goes up: tools → suites → bench → tools', () => {
    const files = [
      source('tools/a.ts', staticImport('../suites/b.ts')),
      source('suites/b.ts', staticImport('../bench/c.ts')),
      source('bench/c.ts', staticImport('../tools/a.ts')),
    ];
    expect(upwardImports(files)).toEqual([]);
    expect(folderCycles(files)).toEqual([
      'folders bench, suites, tools import each other: bench/c.ts imports tools/a.ts; suites/b.ts imports bench/c.ts; tools/a.ts imports suites/b.ts',
    ]);
  });
});
