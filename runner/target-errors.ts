import { TargetUnreachableError, type UnreachableKind } from '../engine/errors.ts';
import type { ExchangeOutcome } from './http-exchange.ts';
import { UNREACHABLE_KINDS, type TransportFailureKind } from './transport-failure.ts';

/** What the user can do, per way of not reaching the target (the error's own hint otherwise). */
const HINTS: Partial<Record<UnreachableKind, string>> = {
  refused: "Nothing listens there: check the port in --target (or the config's target) and that the endpoint is up.",
  dns: "The host name does not resolve: check it in --target (or the config's target), and the machine's DNS.",
  unroutable: 'No route to the host: check the address in --target and the network (VPN, firewall).',
  'tls-certificate':
    "The endpoint's certificate did not verify. For a self-signed or private-CA endpoint, pass --ca FILE (the endpoint's CA certificate, PEM) to trust it, or --insecure to skip verification (not for production endpoints).",
  'tls-protocol': 'The TLS handshake failed: check the scheme (https:// for a TLS port, http:// for a plain one) and the port in --target.',
};

function isUnreachable(kind: TransportFailureKind): kind is UnreachableKind {
  return UNREACHABLE_KINDS.has(kind);
}

/**
 * The verdict of the reachability probe: an error when the target cannot be reached at all
 * (refused, no such host, no route, a certificate or TLS handshake failure), undefined when it
 * answered anything, or merely failed to answer in time (then each case fails as a timeout and
 * the run goes on, up to the deadline).
 */
export function classifyReachability(target: string, outcome: ExchangeOutcome): TargetUnreachableError | undefined {
  if (!('error' in outcome) || !isUnreachable(outcome.kind)) return undefined;
  return new TargetUnreachableError(target, outcome.error, HINTS[outcome.kind], outcome.kind);
}
