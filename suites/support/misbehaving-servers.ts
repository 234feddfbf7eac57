import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/**
 * Small targets that misbehave in one way each, on 127.0.0.1 at an ephemeral port, for the
 * tests of suites/misbehaving-targets.test.ts. Each records what it saw and closes cleanly
 * (its open connections destroyed), so a test never waits on a hung socket.
 */
export interface Misbehaving {
  url: string;
  port: number;
  /** Requests received (headers complete; for a TLS terminator, TLS connections). */
  hits: number;
  /** Resolves when the first request has arrived. */
  arrived: Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

/** Listens on 127.0.0.1 at an ephemeral port; `close` destroys every open socket first. */
async function listen<T extends Misbehaving>(
  server: HttpServer | NetServer,
  scheme: 'http' | 'https',
  extra: Omit<T, keyof Misbehaving>,
  counter: { hits: number },
  arrival = 'request',
): Promise<T> {
  const sockets = new Set<Socket>();
  const arrived = once(server, arrival).then(() => undefined);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // https/tls servers report the raw TCP socket through 'connection' too; a TLS socket's errors must not crash the test.
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const target = {
    ...extra,
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    arrived,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } as unknown as T;
  Object.defineProperty(target, 'hits', { get: () => counter.hits, enumerable: true });
  return target;
}

function httpServer(handler: Handler): { server: HttpServer; counter: { hits: number } } {
  const counter = { hits: 0 };
  const server = createHttpServer((request, response) => {
    counter.hits += 1;
    handler(request, response, counter.hits);
  });
  return { server, counter };
}

/** Accepts connections, reads requests, never answers. */
export async function startSilentTarget(): Promise<Misbehaving> {
  const { server, counter } = httpServer(() => undefined);
  return listen(server, 'http', {}, counter);
}

/**
 * Never answers the first `silent` requests (a hang each), then answers every later one at
 * once with `status` and a small JSON body: a run against it must time those out and go on.
 */
export async function startSometimesSilentTarget(silent: number, status = 400): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response, hit) => {
    if (hit <= silent) return;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{"NeutronError": {"message": "refused", "type": "HTTPBadRequest", "detail": ""}}');
  });
  return listen(server, 'http', {}, counter);
}

/** Sends the headers (a 201) and the start of a body, then nothing more, the connection left open. */
export async function startStalledBody(): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.write('{"healthmonitor": ');
  });
  return listen(server, 'http', {}, counter);
}

/**
 * Sends the headers (a 201), then one byte of body every `intervalMs`, for ever: each gap is
 * shorter than a body timeout between chunks, so only a bound on the whole body ends it.
 */
export async function startTricklingBody(intervalMs: number): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    const drip = setInterval(() => response.write(' '), intervalMs);
    response.socket?.once('close', () => clearInterval(drip));
  });
  return listen(server, 'http', {}, counter);
}

/** Answers every request with these bytes, as they are. */
export async function startFixedAnswer(status: number, headers: Record<string, string>, body: Buffer | string): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  });
  return listen(server, 'http', {}, counter);
}

/** Sends the headers (a 201 with Content-Length 1000) and a few bytes of JSON, then resets the connection (TCP RST). */
export async function startResetMidBody(): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"healthmonitor": {"id": "0a9a', () => response.socket?.resetAndDestroy());
  });
  return listen(server, 'http', {}, counter);
}

export const TRUNCATED_JSON = '{"healthmonitor": {"id": "0a9ac99d-0a09-4b18-8499-a0796850279a", "type": "HT';

/** A well-framed 201 (Content-Length right) whose JSON stops halfway. */
export async function startTruncatedJson(): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(TRUNCATED_JSON);
  });
  return listen(server, 'http', {}, counter);
}

export const HTML_BODY = '<html><body><h1>502 Bad Gateway</h1><p>upstream said no</p></body></html>';

/** A 201 whose body is an HTML page, sent as application/json (a proxy's error page). */
export async function startNonJson(status = 201): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(HTML_BODY);
  });
  return listen(server, 'http', {}, counter);
}

export interface HugeBodyTarget extends Misbehaving {
  /** The body's announced size. */
  size: number;
  /** Resolves when the client went away (or the body was all sent): the bytes handed to the socket by then, and whether that was all. */
  clientGone: Promise<{ written: number; complete: boolean }>;
}

/** A 201 (or `status`) announcing `size` bytes (`aaaa…`) and streaming them with backpressure, counting what it wrote before the client left. */
export async function startHugeBody(size = 50 * 1024 * 1024, status = 201): Promise<HugeBodyTarget> {
  let settle: (value: { written: number; complete: boolean }) => void = () => undefined;
  const clientGone = new Promise<{ written: number; complete: boolean }>((resolve) => (settle = resolve));
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const { server, counter } = httpServer((_request, response) => {
    let written = 0;
    let gone = false;
    response.socket?.once('close', () => {
      gone = true;
      settle({ written, complete: written >= size });
    });
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(size) });
    const pump = (): void => {
      while (!gone) {
        const remaining = size - written;
        if (remaining <= chunk.length) {
          written += remaining;
          response.end(chunk.subarray(0, remaining));
          return;
        }
        written += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  return listen(server, 'http', { size, clientGone }, counter);
}

/** JSON whose string holds bytes that are not UTF-8 (0xFF 0xFE, and a lone continuation byte 0x80). */
export const INVALID_UTF8_BODY = Buffer.concat([
  Buffer.from('{"healthmonitor": {"id": "0a9a'),
  Buffer.from([0xff, 0xfe, 0x80]),
  Buffer.from('", "type": "HTTP"}}'),
]);

export async function startInvalidUtf8(): Promise<Misbehaving> {
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
    response.end(INVALID_UTF8_BODY);
  });
  return listen(server, 'http', {}, counter);
}

export interface RedirectTarget extends Misbehaving {
  /** The place the redirect points to: another origin, which counts whether it was ever asked anything. */
  elsewhere: Misbehaving;
}

/** Answers every request 302 with a Location on another origin (a second server that records any hit). */
export async function startRedirect(status = 302): Promise<RedirectTarget> {
  const elsewhereServer = httpServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end('{"followed": true}');
  });
  const elsewhere = await listen<Misbehaving>(elsewhereServer.server, 'http', {}, elsewhereServer.counter);
  const { server, counter } = httpServer((_request, response) => {
    response.writeHead(status, { location: `${elsewhere.url}/stolen?from=redirect`, 'content-type': 'text/plain' });
    response.end('moved');
  });
  const target = await listen<RedirectTarget>(server, 'http', { elsewhere }, counter);
  const closeTarget = target.close;
  target.close = async () => {
    await closeTarget();
    await elsewhere.close();
  };
  return target;
}

export interface ThrottlingTarget extends Misbehaving {
  /** The X-Attempt header of each request received, in order (the tests' `send` numbers its requests). */
  attempts: string[];
  /** When each request arrived (performance.now()). */
  arrivals: number[];
}

/**
 * Answers `status` with `Retry-After: retryAfter` to the first `throttled` requests, then
 * 201 with a small JSON body. `throttled: Infinity` throttles for ever.
 */
export async function startThrottling(options: { status: 429 | 503; retryAfter?: string; throttled: number; date?: string }): Promise<ThrottlingTarget> {
  const attempts: string[] = [];
  const arrivals: number[] = [];
  const { server, counter } = httpServer((request, response, hit) => {
    attempts.push(String(request.headers['x-attempt'] ?? ''));
    arrivals.push(performance.now());
    if (hit <= options.throttled) {
      response.writeHead(options.status, {
        'content-type': 'application/json',
        ...(options.retryAfter !== undefined ? { 'retry-after': options.retryAfter } : {}),
        ...(options.date !== undefined ? { date: options.date } : {}),
      });
      response.end('{"message": "slow down"}');
      return;
    }
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end('{"created": true}');
  });
  return listen(server, 'http', { attempts, arrivals }, counter);
}

export interface SelfSignedCertificate {
  /** PEM text. */
  cert: string;
  key: string;
  /** The certificate's file (for --ca FILE). */
  certFile: string;
  dir: string;
  remove(): void;
}

/** A fresh self-signed EC certificate for the given IP (its CN and only subjectAltName), valid one day. */
export function generateSelfSignedCertificate(ip = '127.0.0.1'): SelfSignedCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${ip}`,
      '-addext',
      `subjectAltName=IP:${ip}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
    certFile,
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** HTTPS with the given certificate, answering every request 200 `{"ok": true}`. */
export async function startHttpsTarget(certificate: Pick<SelfSignedCertificate, 'cert' | 'key'>): Promise<Misbehaving> {
  const counter = { hits: 0 };
  const server = createHttpsServer({ cert: certificate.cert, key: certificate.key }, (_request, response) => {
    counter.hits += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok": true}');
  });
  return listen(server, 'https', {}, counter);
}

/**
 * TLS in front of a plain-HTTP server on 127.0.0.1 (e.g. the embedded mock): the bytes are
 * piped both ways, so the upstream answers exactly as it would in clear. `hits` counts TLS
 * connections.
 */
export async function startTlsTerminator(certificate: Pick<SelfSignedCertificate, 'cert' | 'key'>, upstreamPort: number): Promise<Misbehaving> {
  const counter = { hits: 0 };
  const server = createTlsServer({ cert: certificate.cert, key: certificate.key }, (clear) => {
    counter.hits += 1;
    const upstream = connect(upstreamPort, '127.0.0.1');
    clear.pipe(upstream).pipe(clear);
    const end = () => {
      clear.destroy();
      upstream.destroy();
    };
    clear.on('error', end);
    upstream.on('error', end);
    clear.on('close', end);
    upstream.on('close', end);
  });
  return listen(server, 'https', {}, counter, 'secureConnection');
}
