import { lifecycleOf } from '../apis/lifecycle.ts';
import { PreflightError } from '../engine/errors.ts';
import { toHttpRequest } from '../engine/request/request-to-http.ts';
import { usesSigV4 } from '../engine/spec/security-schemes.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { exchange } from './http-exchange.ts';
import { withCredentials } from './request-credentials.ts';
import type { CreatedResource } from './resource-ledger.ts';
import { createdResource } from './resource-cleanup.ts';
import type { ApiContext, Sender } from './run-case.ts';

export const PREFLIGHT_CASE_ID = 'preflight';

/**
 * Before planning, the fixtures' valid request is sent once to a live target. A 401 or 403
 * (the credentials) or a 404 (the URL or a fixture naming nothing) would make every verdict of
 * the run meaningless: the run stops there, naming what to check, and exits 2. What the request
 * created is returned, to be deleted like any other resource of the run.
 */
export async function preflight(
  context: ApiContext,
  sender: Pick<Sender, 'dispatcher' | 'config' | 'limits'> & { signal?: AbortSignal },
): Promise<CreatedResource | undefined> {
  const { spec, target } = context;
  const request = baseRequest(spec.api, sender.config);
  const plan = toHttpRequest(target, spec.path, request);
  const outcome = await exchange(sender.dispatcher, { ...plan, headers: await withCredentials(spec, plan, sender.config) }, sender.limits, sender.signal);
  if (!('response' in outcome)) return undefined;
  const { status } = outcome.response;
  const where = `${spec.api}: the target answered ${status} to the fixtures' valid request (POST ${plan.url.toString()})`;
  if (status === 401 || status === 403) {
    throw new PreflightError(
      `${where}: its credentials were refused, so every verdict would be about them.`,
      usesSigV4(spec)
        ? 'Check auth.sigv4 (or CONFORMANCE_SIGV4_ACCESS_KEY_ID and CONFORMANCE_SIGV4_SECRET_ACCESS_KEY): the keys, the region and the service.'
        : 'Check auth.token (or CONFORMANCE_AUTH_TOKEN): a valid token for this endpoint and project.',
    );
  }
  if (status === 404) {
    throw new PreflightError(`${where}: nothing there, so every verdict would be about it.`, `Check the target URL and ${lifecycleOf(spec.api).preflight404}.`);
  }
  return createdResource(spec, target, PREFLIGHT_CASE_ID, request, outcome.response);
}
