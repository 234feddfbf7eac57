import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isApiName, PROJECT_ROOT, type ApiName } from '../engine/api-catalogue.ts';
import type { Condition } from '../engine/requirement-model.ts';
import { ConformanceError } from '../engine/errors.ts';

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

/** One deliberate deviation from a document: which API, what kind, which requirement it breaks. */
export interface Fault {
  id: string;
  api: ApiName;
  kind: string;
  breaks: string;
  effect: FaultEffect;
}

const CATALOGUE_FILE = path.join(PROJECT_ROOT, 'mock', 'faults.yaml');

let catalogue: Fault[] | undefined;

export function faultCatalogue(): Fault[] {
  catalogue ??= (parse(readFileSync(CATALOGUE_FILE, 'utf8')) as Fault[]).map((fault) => {
    if (!isApiName(fault.api)) throw new ConformanceError('CONF_USAGE', `mock/faults.yaml: fault ${fault.id} names unknown API ${fault.api}`);
    return fault;
  });
  return catalogue;
}

export function faultsById(ids: readonly string[]): Fault[] {
  const all = faultCatalogue();
  return ids.map((id) => {
    const fault = all.find((candidate) => candidate.id === id);
    if (!fault) {
      throw new ConformanceError('CONF_USAGE', `unknown fault ${JSON.stringify(id)}`, `The faults are: ${all.map((f) => f.id).join(', ')}`);
    }
    return fault;
  });
}
