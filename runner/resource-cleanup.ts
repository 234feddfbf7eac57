import { setTimeout as delay } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import { createdId, isDeletable, lifecycleOf, operationPath, type DeletableLifecycle } from '../apis/lifecycle.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { exchange, type ExchangeLimits, type ExchangeOutcome } from './http-exchange.ts';
import { withCredentials } from './request-credentials.ts';
import type { CreatedResource, ResourceLedger } from './resource-ledger.ts';
import type { ObservedResponse } from '../engine/run/run-model.ts';

/** How long the suite waits for a resource to settle and to be gone, and how often it looks. */
export interface CleanupBounds {
  settleMs: number;
  goneMs: number;
  pollMs: number;
}

export const DEFAULT_CLEANUP_BOUNDS: CleanupBounds = { settleMs: 120_000, goneMs: 120_000, pollMs: 250 };

/** What the cleanup needs from the run: how to send, and where to record what it did. */
export interface CleanupContext {
  dispatcher: Dispatcher;
  config: ConformanceConfig;
  limits: ExchangeLimits;
  ledger: ResourceLedger | undefined;
  bounds: CleanupBounds;
  signal?: AbortSignal;
}

export type CleanupOutcome = { deleted: true } | { deleted: false; reason: string };

/** The resource a create answered with a success describes (an id to delete it by), or nothing to clean. */
export function createdResource(
  spec: LoadedSpec,
  target: string,
  caseId: string,
  request: RequestDocument,
  response: ObservedResponse,
): CreatedResource | undefined {
  if (response.status < 200 || response.status >= 300) return undefined;
  const lifecycle = lifecycleOf(spec.api);
  if (!isDeletable(lifecycle)) return { api: spec.api, caseId, id: `${caseId} (no id: ${response.status})`, noDelete: lifecycle.noDelete };
  const id = createdId(lifecycle, response.json);
  if (id === undefined) return undefined;
  // The same join as the create's (engine/request/request-to-http.ts): the target's path prefix, then the operation's path.
  const base = new URL(target);
  const url = (operation: DeletableLifecycle['show']) =>
    new URL(`${base.pathname.replace(/\/$/, '')}${operationPath(operation, id, request)}`, base).toString();
  return { api: spec.api, caseId, id, showUrl: url(lifecycle.show), deleteUrl: url(lifecycle.delete) };
}

async function call(spec: LoadedSpec, method: 'GET' | 'DELETE', url: string, context: CleanupContext): Promise<ExchangeOutcome> {
  const plan = { method, url: new URL(url), headers: { accept: 'application/json' }, body: undefined };
  return exchange(context.dispatcher, { ...plan, headers: await withCredentials(spec, plan, context.config) }, context.limits, context.signal);
}

type Seen = 'pending' | 'settled' | 'gone' | { unexpected: string };

function seen(lifecycle: DeletableLifecycle, outcome: ExchangeOutcome): Seen {
  if ('error' in outcome) return { unexpected: outcome.error };
  const { status, json } = outcome.response;
  if (lifecycle.gone.statuses.includes(status)) return 'gone';
  if (status < 200 || status >= 300) return { unexpected: `${status} ${outcome.response.bodyExcerpt.slice(0, 200)}` };
  const state = resolvePointer(json, lifecycle.status);
  if (typeof state === 'string' && lifecycle.gone.status && new RegExp(lifecycle.gone.status).test(state)) return 'gone';
  return typeof state === 'string' && new RegExp(lifecycle.pending).test(state) ? 'pending' : 'settled';
}

/** Looks at the resource until `done` says so, within `ms`; the last thing seen. */
async function watch(spec: LoadedSpec, resource: CreatedResource, ms: number, done: (state: Seen) => boolean, context: CleanupContext): Promise<Seen> {
  const lifecycle = lifecycleOf(spec.api) as DeletableLifecycle;
  const until = Date.now() + ms;
  let state: Seen = 'pending';
  for (;;) {
    state = seen(lifecycle, await call(spec, 'GET', resource.showUrl as string, context));
    if (done(state) || Date.now() >= until || context.signal?.aborted) return state;
    await delay(context.bounds.pollMs, undefined, { signal: context.signal }).catch(() => undefined);
  }
}

/**
 * Waits until a created resource has settled (a load balancer ACTIVE again, a server out of
 * BUILD), deletes it, and waits until it is gone, all within the bounds; a delete refused with
 * 409 (the load balancer still busy with an earlier write) is tried again until the bound.
 * Each deletion is written to the ledger; what could not be deleted says why.
 */
export async function removeResource(spec: LoadedSpec, resource: CreatedResource, context: CleanupContext): Promise<CleanupOutcome> {
  if (resource.noDelete || !resource.deleteUrl) {
    const reason = resource.noDelete ?? 'the answer named no id to delete it by';
    context.ledger?.left(resource, reason);
    return { deleted: false, reason };
  }
  const settled = await watch(spec, resource, context.bounds.settleMs, (state) => state !== 'pending', context);
  if (settled === 'gone') return recordDeleted(resource, context);
  const until = Date.now() + context.bounds.settleMs;
  for (;;) {
    const answer = await call(spec, 'DELETE', resource.deleteUrl, context);
    if ('error' in answer) return leave(resource, `DELETE ${resource.deleteUrl} failed: ${answer.error}`, context);
    const { status } = answer.response;
    if ((status >= 200 && status < 300) || status === 404) break;
    if (status !== 409 || Date.now() >= until || context.signal?.aborted)
      return leave(resource, `DELETE ${resource.deleteUrl} answered ${status}: ${answer.response.bodyExcerpt.slice(0, 200)}`, context);
    await delay(context.bounds.pollMs, undefined, { signal: context.signal }).catch(() => undefined);
  }
  const gone = await watch(spec, resource, context.bounds.goneMs, (state) => state === 'gone', context);
  if (gone === 'gone') return recordDeleted(resource, context);
  return leave(resource, `still there ${context.bounds.goneMs / 1000} s after its DELETE (${typeof gone === 'string' ? gone : gone.unexpected})`, context);
}

function recordDeleted(resource: CreatedResource, context: CleanupContext): CleanupOutcome {
  context.ledger?.deleted(resource);
  return { deleted: true };
}

function leave(resource: CreatedResource, reason: string, context: CleanupContext): CleanupOutcome {
  context.ledger?.left(resource, reason);
  return { deleted: false, reason };
}
