import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A target that answers every request (any method, any path) with content meant to run in
 * whatever displays it, and echoes the credentials it was sent. The report, the JUnit XML, the
 * JSON results and the console must show all of it as inert text, and none of the credentials.
 */

/** Set by a payload that ran: a page showing the answers must never see it defined. */
export const PWNED_GLOBAL = '__pwned';

/** What the answers carry in their headers (each header value is legal HTTP). */
export const HEADER_PAYLOADS = {
  'X-Evil': '"><script>window.__pwned=1</script>',
  'X-Quote': "' onmouseover='window.__pwned=2",
  Location: 'javascript:window.__pwned=3',
} as const;

/** What the answers carry in their bodies. */
export const BODY_PAYLOADS = [
  '<script>window.__pwned=4</script>',
  '<img src=x onerror="window.__pwned=5">',
  '</textarea><script>window.__pwned=6</script>',
  '</pre><a href="javascript:window.__pwned=7">click</a>',
  '<svg onload="window.__pwned=8">',
  '</style><style>body{display:none}</style>',
] as const;

/** What the target saw: every credential sent to it, so tests can look for them in the outputs. */
export interface ReceivedCredentials {
  /** Every X-Auth-Token value (the configured token, and the wrong ones of the auth checks). */
  tokens: Set<string>;
  /** Every Authorization value (SigV4: scheme, Credential=…, SignedHeaders=…, Signature=…). */
  authorizations: Set<string>;
  /** Every request body (CloudBasic's carries the private key). */
  bodies: Set<string>;
}

export interface HostileTarget {
  url: string;
  received: ReceivedCredentials;
  /** How many requests were answered 201 and 400. */
  answered: { created: number; refused: number };
  /** The 64-hex SigV4 signatures of every Authorization received. */
  signatures(): string[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Deterministic per request: a run with the same seed gets the same answers. */
function hashByte(text: string, index: number): number {
  return createHash('sha256').update(text).digest()[index] ?? 0;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function signatureOf(authorization: string): string | undefined {
  return /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
}

function recordCredentials(request: IncomingMessage, received: ReceivedCredentials): { token?: string; authorization?: string } {
  const token = firstValue(request.headers['x-auth-token']);
  const authorization = firstValue(request.headers.authorization);
  if (token !== undefined) received.tokens.add(token);
  if (authorization !== undefined) received.authorizations.add(authorization);
  return { ...(token !== undefined ? { token } : {}), ...(authorization !== undefined ? { authorization } : {}) };
}

/** An HTML body: every payload, then the credentials echoed (also the bare signature, as S3's SignatureDoesNotMatch does). */
function htmlBody(echo: { token?: string; authorization?: string }): string {
  const signature = echo.authorization ? signatureOf(echo.authorization) : undefined;
  return [
    '<html><body><h1>hostile</h1>',
    ...BODY_PAYLOADS,
    `<p>echo token: ${echo.token ?? 'none'}</p>`,
    `<p>echo authorization: ${echo.authorization ?? 'none'}</p>`,
    signature ? `<SignatureProvided>${signature}</SignatureProvided>` : '',
    '</body></html>',
  ].join('\n');
}

/** A JSON body whose string values carry the payloads and the echoed credentials. */
function jsonBody(echo: { token?: string; authorization?: string }): string {
  const signature = echo.authorization ? signatureOf(echo.authorization) : undefined;
  return JSON.stringify({
    error: { message: BODY_PAYLOADS[0], details: BODY_PAYLOADS.join(' '), link: HEADER_PAYLOADS.Location },
    echo: { token: echo.token ?? null, authorization: echo.authorization ?? null, signatureProvided: signature ?? null },
  });
}

function answer(response: ServerResponse, status: number, asJson: boolean, echo: { token?: string; authorization?: string }): void {
  for (const [name, value] of Object.entries(HEADER_PAYLOADS)) response.setHeader(name, value);
  if (echo.token !== undefined) response.setHeader('X-Echo-Token', echo.token);
  if (echo.authorization !== undefined) response.setHeader('X-Echo-Authorization', echo.authorization);
  response.setHeader('Content-Type', asJson ? 'application/json' : 'text/html');
  response.statusCode = status;
  response.end(asJson ? jsonBody(echo) : htmlBody(echo));
}

/** Starts the hostile target on 127.0.0.1, an ephemeral port. */
export async function startHostileTarget(): Promise<HostileTarget> {
  const received: ReceivedCredentials = { tokens: new Set(), authorizations: new Set(), bodies: new Set() };
  const answered = { created: 0, refused: 0 };
  const server = createServer((request, response) => {
    const echo = recordCredentials(request, received);
    readBody(request).then(
      (body) => {
        received.bodies.add(body);
        const key = `${request.method} ${request.url} ${body}`;
        const created = hashByte(key, 0) % 2 === 0;
        answered[created ? 'created' : 'refused'] += 1;
        answer(response, created ? 201 : 400, hashByte(key, 1) % 3 === 0, echo);
      },
      () => response.destroy(),
    );
  });
  server.keepAliveTimeout = 1_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answered,
    signatures: () => [...received.authorizations].map(signatureOf).filter((signature): signature is string => signature !== undefined),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
