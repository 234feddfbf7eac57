import type { RequestDocument } from '../engine/request/request-document.ts';
import { conditionHolds } from '../engine/rules/rule-conditions.ts';
import { formatPointer, parsePointer } from '../engine/request/json-pointer.ts';
import type { Fault } from './fault-catalogue.ts';
import type { MockResponse } from '../apis/support/api-responses.ts';

/** What the active faults of one API do to a request before it is decided. */
export type Interference = { kind: 'none' } | { kind: 'hang' } | { kind: 'drop' } | { kind: 'answer'; status: number };

export function interference(faults: Fault[], request: RequestDocument): Interference {
  for (const { effect } of faults) {
    if (effect.hang && conditionHolds(effect.hang.when, request)) return { kind: 'hang' };
    if (effect.drop && conditionHolds(effect.drop.when, request)) return { kind: 'drop' };
    if (effect.fail && conditionHolds(effect.fail.when, request)) return { kind: 'answer', status: effect.fail.status };
    if (effect.refuse && conditionHolds(effect.refuse.when, request)) return { kind: 'answer', status: effect.refuse.status };
  }
  return { kind: 'none' };
}

export function ignoredRequirements(faults: Fault[], request: RequestDocument): Set<string> {
  const applying = faults.filter(({ effect }) => !effect.ignoreWhen || conditionHolds(effect.ignoreWhen, request));
  return new Set(applying.flatMap((fault) => fault.effect.ignore ?? []));
}

function editJson(body: unknown, edit: { remove?: string[]; set?: Record<string, unknown> }): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const parentOf = (tokens: string[]) =>
    tokens.slice(0, -1).reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], copy) as Record<string, unknown> | undefined;
  for (const pointer of edit.remove ?? []) {
    const tokens = parsePointer(pointer);
    const parent = parentOf(tokens);
    if (parent) delete parent[tokens[tokens.length - 1] ?? ''];
  }
  for (const [pointer, value] of Object.entries(edit.set ?? {})) {
    const tokens = parsePointer(pointer);
    const parent = parentOf(tokens);
    if (parent) parent[tokens[tokens.length - 1] ?? formatPointer([])] = value;
  }
  return copy;
}

/** The success answer as the active faults bend it: status, body fields, headers. */
export function bendSuccess(faults: Fault[], response: MockResponse): MockResponse {
  let bent: MockResponse = { ...response, headers: { ...response.headers } };
  for (const { effect } of faults) {
    if (effect.successStatus !== undefined) bent.status = effect.successStatus;
    if (effect.successBody && bent.body !== undefined) bent = { ...bent, body: editJson(bent.body, effect.successBody) };
    for (const name of effect.successHeaders?.remove ?? []) delete bent.headers[name.toLowerCase()];
    for (const [name, value] of Object.entries(effect.successHeaders?.set ?? {})) bent.headers[name.toLowerCase()] = value;
  }
  return bent;
}
