import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ConformanceConfig } from '../engine/config-model.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator, type SchemaValidator } from '../engine/schema-violations.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import type { WorldData } from '../engine/world-from-data.ts';
import { DEFAULT_BODY_LIMITS, readJsonBody, type BodyLimits } from './request-body.ts';
import { decide, type Decision } from './request-decision.ts';
import { ApiState } from './mock-state.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { matchRoute, routeOf, type Route } from './routes.ts';
import { faultsById, type Fault } from './fault-catalogue.ts';
import { bendSuccess, ignoredRequirements, interference } from './fault-effects.ts';
import { responsesFor } from './responses/index.ts';
import type { MockResponse } from '../apis/support/api-responses.ts';
import { expectedStatuses } from '../engine/requirement-model.ts';
import { lenientCharacter } from './lenient-character.ts';

export type Personality = 'strict' | 'lenient';

export interface MockOptions {
  host?: string;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  config?: ConformanceConfig;
  /** Replace what the fixtures say exists, per API (tests use the rule case tables' worlds). */
  worlds?: Partial<Record<ApiName, WorldData>>;
  /** Ids from apis/<api>/faults.yaml: deliberate deviations, for the suite's proof of power. */
  faults?: string[];
  /**
   * strict (default): refuses every value outside the specs. lenient: also accepts the inputs the
   * documents leave ambiguous (mock/lenient-acceptance.ts) and answers in another conforming
   * character (mock/lenient-character.ts).
   */
  personality?: Personality;
  limits?: Partial<BodyLimits>;
  /** Whole-request deadline for slow clients (node answers 408); headers have their own. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  now?: () => Date;
}

export interface RunningMock {
  url: string;
  port: number;
  /** The operations it serves: POST on each path template. */
  operations: { api: ApiName; path: string }[];
  state: Record<ApiName, ApiState>;
  reset(): void;
  close(): Promise<void>;
}

interface Operation {
  route: Route;
  spec: LoadedSpec;
  validate: SchemaValidator;
  state: ApiState;
  faults: Fault[];
}

function headerDocument(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])),
  );
}

function writeAnswer(response: ServerResponse, answer: MockResponse): void {
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function plainError(status: number, message: string): MockResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { error: { code: status, message } } };
}

function methodRefusal(operation: Operation, method: string): Decision {
  const requirement = operation.spec.requirements.find(
    (candidate) => candidate.rule?.kind === 'methodNotAllowed' && candidate.rule.methods.includes(method),
  );
  const message = `${method} is not allowed here; this operation is POST`;
  if (!requirement) return { kind: 'refuse', status: 405, requirementId: undefined, message, pointer: '/method' };
  const [status] = expectedStatuses(requirement);
  return { kind: 'refuse', status: status ?? 405, requirementId: requirement.id, message: `${requirement.id}: ${message}`, pointer: '/method' };
}

function errorAnswer(operation: Operation, decision: Extract<Decision, { kind: 'refuse' }>): MockResponse {
  return responsesFor(operation.route.api).error(decision.status, {
    requirementId: decision.requirementId,
    message: decision.message,
    pointer: decision.pointer,
    sequence: operation.state.nextErrorSequence(),
  });
}

async function prepare(options: MockOptions): Promise<Operation[]> {
  const config = options.config ?? DEFAULT_CONFIG;
  const faults = faultsById(options.faults ?? []);
  const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
  return specs.map((spec) => ({
    route: routeOf(spec),
    spec,
    validate: createSchemaValidator(spec),
    state: new ApiState(spec.api, options.worlds?.[spec.api] ?? worldFromFixtures(spec.api, config)),
    faults: faults.filter((fault) => fault.api === spec.api),
  }));
}

/** Starts the embedded mock on 127.0.0.1: the five operations, enforcing every rule of the specs. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const config = options.config ?? DEFAULT_CONFIG;
  const operations = await prepare(options);
  const routes = operations.map((operation) => operation.route);
  const character = options.personality === 'lenient' ? lenientCharacter(routes) : undefined;
  const send = (response: ServerResponse, answer: MockResponse): void => writeAnswer(response, character ? character(answer, response.req) : answer);
  const limits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const hanging = new Set<ServerResponse>();
  let baseUrl = '';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawPath = request.url ?? '/';
    const url = new URL(rawPath, 'http://mock.invalid');
    const matched = matchRoute(routes, url.pathname);
    const operation = matched && operations.find((candidate) => candidate.route === matched.route);
    if (!matched || !operation) {
      request.resume();
      send(response, plainError(404, `no operation at ${url.pathname}`));
      return;
    }
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'POST') {
      request.resume();
      const answer = errorAnswer(operation, methodRefusal(operation, method) as Extract<Decision, { kind: 'refuse' }>);
      send(response, { ...answer, headers: { ...answer.headers, allow: 'POST' } });
      return;
    }
    const body = await readJsonBody(request, limits);
    const document: RequestDocument = { method, path: matched.path, header: headerDocument(request), body: body.ok ? body.value : undefined };
    if (!body.ok) {
      const answer = errorAnswer(operation, { kind: 'refuse', status: body.refusal.status, requirementId: undefined, message: body.refusal.message, pointer: '/body' });
      if (body.refusal.kind === 'too-large') answer.headers.connection = 'close';
      send(response, answer);
      return;
    }
    const interfered = interference(operation.faults, document);
    if (interfered.kind === 'hang') {
      hanging.add(response);
      return;
    }
    if (interfered.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (interfered.kind === 'answer') {
      // In the API's own error shape: a fault deviates in its status only, not in its body too.
      send(response, errorAnswer(operation, { kind: 'refuse', status: interfered.status, requirementId: undefined, message: 'deliberate fault', pointer: undefined }));
      return;
    }
    const decision = await decide(
      {
        spec: operation.spec,
        validate: operation.validate,
        world: operation.state.world,
        config,
        ignored: ignoredRequirements(operation.faults, document),
        lenient: options.personality === 'lenient',
        now: now(),
      },
      document,
      body.raw,
      rawPath,
    );
    if (decision.kind === 'refuse') {
      send(response, errorAnswer(operation, decision));
      return;
    }
    const id = randomUUID();
    const sequence = operation.state.recordCreation(id, document);
    send(response, bendSuccess(operation.faults, responsesFor(operation.route.api).success(document, { id, baseUrl, sequence })));
  }

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node checks request deadlines on this interval (30 s by default): keep it a fraction of the deadline.
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(requestTimeout / 3)));
  const server: Server = createServer({ connectionsCheckingInterval }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug of the mock, not of the client: say so rather than hang.
      if (!response.headersSent) send(response, plainError(500, `mock internal error: ${(error as Error).message}`));
      else response.destroy();
    });
  });
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, server.requestTimeout);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  baseUrl = `http://${address}:${port}`;

  return {
    url: baseUrl,
    port,
    operations: operations.map((operation) => ({ api: operation.route.api, path: operation.spec.path })),
    state: Object.fromEntries(operations.map((operation) => [operation.route.api, operation.state])) as Record<ApiName, ApiState>,
    reset: () => operations.forEach((operation) => operation.state.reset()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
