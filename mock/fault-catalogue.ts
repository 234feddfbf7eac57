import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { ApiName } from '../engine/api-name.ts';
import { API_NAMES, apiFile } from '../apis/catalogue.ts';
import type { Condition } from '../engine/spec/requirement-model.ts';
import { UsageError } from '../engine/errors.ts';
import { schemaFileValidator } from '../engine/schema/schema-file-validator.ts';

/** The kinds of deviation the catalogue covers (apis/faults.schema.json lists the same). */
export const FAULT_KINDS = [
  'accepts-invalid',
  'rejects-valid',
  'wrong-success-status',
  'broken-success',
  'wrong-content-type',
  'auth-bypass',
  'state',
  'server-error',
  'hang',
  'drop',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultEffect {
  /** Requirements the mock stops enforcing: always, or only for requests where `ignoreWhen` holds. */
  ignore?: string[];
  ignoreWhen?: Condition;
  refuse?: { when: Condition; status: number };
  successStatus?: number;
  successBody?: { remove?: string[]; set?: Record<string, unknown> };
  successHeaders?: { remove?: string[]; set?: Record<string, string> };
  fail?: { when: Condition; status: number };
  hang?: { when: Condition };
  drop?: { when: Condition };
}

/** One deliberate deviation from a document: which API, what kind, which requirement it breaks and the document's sentence. */
export interface Fault {
  id: string;
  api: ApiName;
  kind: FaultKind;
  /** The requirement id the fault breaks: the conformance run must name it. */
  breaks: string;
  /** The document's sentence: the quote (cite.quote) of the requirement it breaks. */
  sentence: string;
  effect: FaultEffect;
}

const shapeValidator = schemaFileValidator(new URL('../apis/faults.schema.json', import.meta.url));

function describeError(error: ErrorObject): string {
  const where = error.instancePath.replace(/^\/[0-9]+/, '') || 'the entry';
  if (error.keyword === 'oneOf') return `${where} is not a condition of the vocabulary ({path, present|absent|gt|equals|in|notIn|matches}, {anyOf}, {allOf})`;
  if (error.keyword === 'additionalProperties')
    return `${where} has an unknown key ${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)}`;
  if (error.keyword === 'enum')
    return `${where} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

function* conditionsOf(effect: FaultEffect): Generator<Condition> {
  const walk = function* (condition: Condition): Generator<Condition> {
    yield condition;
    if ('anyOf' in condition) for (const inner of condition.anyOf) yield* walk(inner);
    if ('allOf' in condition) for (const inner of condition.allOf) yield* walk(inner);
  };
  for (const condition of [effect.ignoreWhen, effect.refuse?.when, effect.fail?.when, effect.hang?.when, effect.drop?.when]) {
    if (condition) yield* walk(condition);
  }
}

/**
 * Checks one API's parsed faults file: its shape against apis/faults.schema.json, then what the
 * schema cannot say (unique ids, `breaks` and `ignore` naming requirements of the API, every
 * `matches` a regular expression in Unicode mode). Throws one error listing every problem.
 */
export function validateFaultCatalogue(api: ApiName, data: unknown, file = `apis/${api}/faults.yaml`): Fault[] {
  const problems: string[] = [];
  const label = (index: number): string => {
    const id = Array.isArray(data) ? (data[index] as { id?: unknown } | undefined)?.id : undefined;
    return `fault ${index + 1}${typeof id === 'string' ? ` (${id})` : ''}`;
  };
  const validateShape = shapeValidator();
  if (!validateShape(data)) {
    const errors = (validateShape.errors ?? []).filter((error) => !error.schemaPath.includes('/oneOf/'));
    for (const error of errors) {
      const index = /^\/([0-9]+)/.exec(error.instancePath)?.[1];
      problems.push(
        index === undefined ? `${error.instancePath || 'the file'} ${error.message ?? 'is invalid'}` : `${label(Number(index))}: ${describeError(error)}`,
      );
    }
  } else {
    const faults = (data as Omit<Fault, 'api'>[]).map((fault) => ({ ...fault, api }));
    const seen = new Set<string>();
    faults.forEach((fault, index) => {
      if (seen.has(fault.id)) problems.push(`${label(index)}: the id is used twice`);
      seen.add(fault.id);
      for (const id of [fault.breaks, ...(fault.effect.ignore ?? [])]) {
        if (!id.startsWith(`${fault.api}/`)) problems.push(`${label(index)}: ${id} is not a requirement of ${fault.api}`);
      }
      for (const condition of conditionsOf(fault.effect)) {
        if (!('matches' in condition)) continue;
        try {
          new RegExp(condition.matches, 'u');
        } catch (error) {
          problems.push(
            `${label(index)}: matches ${JSON.stringify(condition.matches)} is not a regular expression (Unicode mode): ${(error as Error).message}`,
          );
        }
      }
    });
  }
  if (problems.length) {
    throw new UsageError(
      `${file} is not a valid fault catalogue:\n  ${problems.join('\n  ')}`,
      'Each fault is {id, kind, breaks, sentence, effect}: see apis/faults.schema.json.',
    );
  }
  return (data as Omit<Fault, 'api'>[]).map((fault) => ({ ...fault, api }));
}

let catalogue: Fault[] | undefined;

/** Every registered API's faults (its folder's faults.yaml), in the registry's order; a fault id is unique across them all. */
export function faultCatalogue(): Fault[] {
  catalogue ??= uniqueIds(API_NAMES.flatMap((api) => validateFaultCatalogue(api, parse(readFileSync(apiFile(api, 'faults.yaml'), 'utf8')) as unknown)));
  return catalogue;
}

function uniqueIds(faults: Fault[]): Fault[] {
  const seen = new Set<string>();
  const twice = faults.filter((fault) => seen.size === seen.add(fault.id).size).map((fault) => `${fault.id} (${fault.api})`);
  if (twice.length)
    throw new UsageError(
      `fault ids used twice across the APIs' faults.yaml: ${twice.join(', ')}`,
      'Give each fault an id of its own (prefix it with its API).',
    );
  return faults;
}

export function faultsById(ids: readonly string[]): Fault[] {
  // No fault asked for (every run but the suite's own proof of power): the catalogue is not even read.
  if (!ids.length) return [];
  const all = faultCatalogue();
  return ids.map((id) => {
    const fault = all.find((candidate) => candidate.id === id);
    if (!fault) {
      throw new UsageError(`unknown fault ${JSON.stringify(id)}`, `The faults are: ${all.map((f) => f.id).join(', ')}`);
    }
    return fault;
  });
}
