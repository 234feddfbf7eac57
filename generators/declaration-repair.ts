import type { Requirement } from '../engine/spec/requirement-model.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { formatPointer, isContainer } from '../engine/request/json-pointer.ts';
import { absoluteTokens, valueAt } from '../engine/rules/rule-paths.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import { hasDefault, readDeclarations } from '../engine/rules/template-declarations.ts';

/** An argument of the declared type (a Heat parameter's `type`), as a client would send it. */
const ARGUMENT_OF_TYPE: Record<string, unknown> = {
  string: 'conformance',
  number: 1,
  json: {},
  comma_delimited_list: 'a,b',
  boolean: 'true',
};

function declaredType(declaration: unknown): string {
  const type = isContainer(declaration) && !Array.isArray(declaration) ? (declaration as Record<string, unknown>).type : undefined;
  return typeof type === 'string' ? type : 'string';
}

function fitsType(type: string, value: unknown): boolean {
  if (type === 'number') return typeof value === 'number' || (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value));
  if (type === 'json') return typeof value === 'object' && value !== null;
  return typeof value === 'string' && (type !== 'boolean' || /^(true|false)$/i.test(value));
}

/**
 * Generated arguments (template parameters) rarely match a generated template: for each
 * keysDeclaredIn / valuesProvided rule, the arguments keep only what the declarations declare,
 * each of its declared type, and gain one for every declaration without a default. A template
 * the suite cannot read is left as it is (its rules stay undecided, and the request unused).
 */
export function repairDeclarations(requirements: Requirement[], request: RequestDocument): RequestDocument {
  let repaired = request;
  for (const { rule } of requirements) {
    if (rule?.kind !== 'keysDeclaredIn' && rule?.kind !== 'valuesProvided') continue;
    const declarations = readDeclarations(valueAt(repaired, rule.declarations.path), rule.declarations.pointer);
    if (!declarations) continue;
    const given = valueAt(repaired, rule.path);
    const current = isContainer(given) && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
    const argumentsFor: Record<string, unknown> = {};
    for (const [name, declaration] of Object.entries(declarations)) {
      const type = declaredType(declaration);
      if (name in current) argumentsFor[name] = fitsType(type, current[name]) ? current[name] : (ARGUMENT_OF_TYPE[type] ?? ARGUMENT_OF_TYPE.string);
      else if (!hasDefault(declaration)) argumentsFor[name] = ARGUMENT_OF_TYPE[type] ?? ARGUMENT_OF_TYPE.string;
    }
    const pointer = formatPointer(absoluteTokens(rule.path, []));
    const unchanged = JSON.stringify(argumentsFor) === JSON.stringify(current);
    if (unchanged) continue;
    repaired = Object.keys(argumentsFor).length || given !== undefined ? withEdits(repaired, { set: { [pointer]: argumentsFor } }) : repaired;
  }
  return repaired;
}
