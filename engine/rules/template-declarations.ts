import { parseText } from './text-objects.ts';
import { isContainer, resolvePointer } from '../request/json-pointer.ts';

/**
 * The declarations a template makes (e.g. a Heat template's `parameters`), whether the request
 * sends the template as an object or as a JSON/YAML string. `undefined` when it cannot be read.
 */
export function readDeclarations(source: unknown, pointer: string): Record<string, unknown> | undefined {
  let document = source;
  if (typeof source === 'string') {
    const parsed = parseText(source, 'application/yaml');
    if (!parsed) return undefined;
    document = parsed.value;
  }
  if (!isContainer(document) || Array.isArray(document)) return undefined;
  const declarations = resolvePointer(document, pointer);
  if (declarations === undefined) return {};
  return isContainer(declarations) && !Array.isArray(declarations) ? declarations : undefined;
}

export function hasDefault(declaration: unknown): boolean {
  return isContainer(declaration) && !Array.isArray(declaration) && 'default' in declaration;
}
