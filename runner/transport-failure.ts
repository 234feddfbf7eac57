/**
 * What went wrong on the wire, said plainly and classified once, so that callers match on a
 * kind (never on an error message): the reachability check turns the connection-level kinds
 * into exit 2, a case turns the others into a failed `answered` check.
 */
export type TransportFailureKind =
  /** Nothing listens at the address (ECONNREFUSED). */
  | 'refused'
  /** The host name does not resolve (ENOTFOUND, EAI_AGAIN…). */
  | 'dns'
  /** No route to the host or network (EHOSTUNREACH, ENETUNREACH…). */
  | 'unroutable'
  /** The TCP connection was not established in time (UND_ERR_CONNECT_TIMEOUT). */
  | 'connect-timeout'
  /** The endpoint's certificate was refused: self-signed, unknown CA, wrong host name, expired… */
  | 'tls-certificate'
  /** The TLS handshake itself failed (e.g. https:// to a plain-HTTP port). */
  | 'tls-protocol'
  /** Connected, but no answer (headers) or no body within the per-request timeout. */
  | 'timeout'
  /** The connection closed or was reset before the answer was complete. */
  | 'reset'
  /** The caller stopped the exchange (the run's deadline, SIGINT). */
  | 'aborted'
  | 'other';

export interface TransportFailure {
  /** One line: what happened, with the cause and its code. */
  error: string;
  kind: TransportFailureKind;
  /** The cause's stable code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, DEPTH_ZERO_SELF_SIGNED_CERT…), when it has one. */
  code?: string;
}

/** The kinds that mean the target cannot be reached at all (exit 2 before any case is sent). */
export const UNREACHABLE_KINDS: ReadonlySet<TransportFailureKind> = new Set(['refused', 'dns', 'unroutable', 'tls-certificate', 'tls-protocol']);
// Not 'connect-timeout': an address that drops the connection attempt is a target that never
// answers (each case fails as a timeout, the deadline ends the run), like one that accepts and
// stays silent; and the exchange's own timer, precise where undici's connect timer is about a
// second late, usually says `timeout` first anyway.

const CODE_KINDS: Record<string, TransportFailureKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  EHOSTUNREACH: 'unroutable',
  ENETUNREACH: 'unroutable',
  EHOSTDOWN: 'unroutable',
  EADDRNOTAVAIL: 'unroutable',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  ETIMEDOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  /** The suite's own bound on the wait for the headers (runner/http-exchange.ts). */
  CONF_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  /** The suite's own bound on the whole body (runner/http-exchange.ts): a trickle that never ends. */
  CONF_BODY_TIMEOUT: 'timeout',
  UND_ERR_SOCKET: 'reset',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_ABORTED: 'aborted',
  ABORT_ERR: 'aborted',
};

/** OpenSSL's and Node's codes for a certificate that did not verify. */
const CERTIFICATE_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_|ERR_TLS_PSK|ERR_SSL_.*CERTIFICATE)/;
/** The TLS handshake failed for another reason (protocol version, a plain-HTTP peer, an alert). */
const PROTOCOL_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;

function kindOf(code: string | undefined, message: string): TransportFailureKind {
  if (code !== undefined) {
    const known = CODE_KINDS[code];
    if (known) return known;
    if (CERTIFICATE_CODE.test(code)) return 'tls-certificate';
    if (PROTOCOL_CODE.test(code)) return 'tls-protocol';
  }
  if (/certificate/i.test(message)) return 'tls-certificate';
  if (/\b(SSL|TLS)\b|wrong version number/i.test(message)) return 'tls-protocol';
  return 'other';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const message = String((error as { message: unknown }).message ?? '');
    if (message) return message;
  }
  if (typeof error === 'object' && error !== null) return (error as { name?: string }).name ?? 'unknown error';
  return String(error);
}

/** The first cause with a code: undici and Node wrap (`cause`) or aggregate (`errors`, happy eyeballs) the socket's error. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    if (codeOf(current) && !(current instanceof AggregateError)) return current;
    const inner = current instanceof AggregateError ? current.errors[0] : (current as { cause?: unknown } | null)?.cause;
    if (inner === undefined || inner === null) return current;
    current = inner;
  }
  return current;
}

export interface FailureContext {
  /** The per-request timeout, to say how long the suite waited. */
  timeoutMs?: number;
  /** The caller's abort signal: when it is aborted, the failure is the abort, whatever undici threw. */
  signal?: AbortSignal;
  /** The answer had begun (status and bytes of body read) when it failed. */
  answer?: { status: number; bodyBytes: number };
}

/** Turns whatever undici (or Node's socket, or an abort) threw into one classified line. */
export function describeTransportFailure(thrown: unknown, context: FailureContext = {}): TransportFailure {
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    const why = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : 'aborted';
    return { error: `aborted (${why}) before the answer was complete`, kind: 'aborted' };
  }
  const cause = rootCause(thrown);
  const code = codeOf(cause) ?? codeOf(thrown);
  const message = messageOf(cause) || messageOf(thrown);
  const kind = kindOf(code, message);
  const coded = code && !message.includes(code) ? `${message} (${code})` : message;
  const during = context.answer ? ` after status ${context.answer.status} and ${context.answer.bodyBytes} bytes of body` : '';
  const text = ((): string => {
    switch (kind) {
      case 'timeout': {
        // The sentence says it all; undici's own message ("Headers Timeout Error") adds nothing but its code.
        const within = context.timeoutMs !== undefined ? ` within ${context.timeoutMs} ms` : '';
        const what = context.answer ? `the body did not arrive${within}${during}` : `no answer${within}`;
        return `timeout: ${what}${code ? ` (${code})` : ''}`;
      }
      case 'reset':
        return `connection closed before the answer was complete${during}: ${coded}`;
      case 'tls-certificate':
        return `TLS: the certificate was refused: ${coded}`;
      case 'tls-protocol':
        return `TLS handshake failed: ${coded}`;
      default:
        // `CODE: message`, the form the CLI has always printed for connection errors.
        return code ? `${code}: ${message}` : message;
    }
  })();
  return { error: text, kind, ...(code ? { code } : {}) };
}
