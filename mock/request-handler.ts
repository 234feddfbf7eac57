import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { SchemaValidator } from '../engine/schema/schema-violations.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { expectedStatuses } from '../engine/spec/requirement-model.ts';
import { readJsonBody, type BodyLimits, type BodyRefusal } from './request-body.ts';
import { decide, type Decision } from './request-decision.ts';
import type { ApiState } from './mock-state.ts';
import { matchRoute, type Route } from './routes.ts';
import type { Fault } from './fault-catalogue.ts';
import { bendSuccess, ignoredRequirements, interference } from './fault-effects.ts';
import { responsesFor } from './responses/index.ts';
import type { MockResponse } from '../apis/support/api-responses.ts';
import { lenientCharacter } from './lenient-character.ts';

/** One operation the mock serves: its route, its spec and validator, its state and the faults switched on for it. */
export interface Operation {
  route: Route;
  spec: LoadedSpec;
  validate: SchemaValidator;
  state: ApiState;
  faults: Fault[];
}

/** What the handler needs of the running mock. */
export interface HandlerContext {
  operations: Operation[];
  config: ConformanceConfig;
  limits: BodyLimits;
  now: () => Date;
  lenient: boolean;
  /** The answers a `hang` fault holds open; closing the mock destroys them. */
  hanging: Set<ServerResponse>;
  /** Known only once the server listens: the links of a created resource start with it. */
  baseUrl: () => string;
}

interface Handling extends HandlerContext {
  routes: Route[];
  send(response: ServerResponse, answer: MockResponse): void;
}

type Refusal = Extract<Decision, { kind: 'refuse' }>;

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

function methodRefusal(operation: Operation, method: string): Refusal {
  const requirement = operation.spec.requirements.find((candidate) => candidate.rule?.kind === 'methodNotAllowed' && candidate.rule.methods.includes(method));
  const message = `${method} is not allowed here; this operation is POST`;
  if (!requirement) return { kind: 'refuse', status: 405, requirementId: undefined, message, pointer: '/method' };
  const [status] = expectedStatuses(requirement);
  return { kind: 'refuse', status: status ?? 405, requirementId: requirement.id, message: `${requirement.id}: ${message}`, pointer: '/method' };
}

function errorAnswer(operation: Operation, decision: Refusal): MockResponse {
  return responsesFor(operation.route.api).error(decision.status, {
    requirementId: decision.requirementId,
    message: decision.message,
    pointer: decision.pointer,
    sequence: operation.state.nextErrorSequence(),
  });
}

function methodNotAllowed(operation: Operation, method: string): MockResponse {
  const answer = errorAnswer(operation, methodRefusal(operation, method));
  return { ...answer, headers: { ...answer.headers, allow: 'POST' } };
}

function bodyRefused(operation: Operation, refusal: BodyRefusal): MockResponse {
  const answer = errorAnswer(operation, { kind: 'refuse', status: refusal.status, requirementId: undefined, message: refusal.message, pointer: '/body' });
  if (refusal.kind === 'too-large') answer.headers.connection = 'close';
  return answer;
}

/** A fault that hangs, drops or answers in the request's stead; true when it did. */
function interfered(mock: Handling, operation: Operation, document: RequestDocument, request: IncomingMessage, response: ServerResponse): boolean {
  const fault = interference(operation.faults, document);
  if (fault.kind === 'hang') {
    mock.hanging.add(response);
    return true;
  }
  if (fault.kind === 'drop') {
    request.socket.destroy();
    return true;
  }
  if (fault.kind === 'answer') {
    // In the API's own error shape: a fault deviates in its status only, not in its body too.
    mock.send(
      response,
      errorAnswer(operation, { kind: 'refuse', status: fault.status, requirementId: undefined, message: 'deliberate fault', pointer: undefined }),
    );
    return true;
  }
  return false;
}

/** The spec's answer to a well-formed POST: the refusal its rules call for, or the resource created. */
async function decidedAnswer(mock: Handling, operation: Operation, document: RequestDocument, raw: Buffer, rawPath: string): Promise<MockResponse> {
  const decision = await decide(
    {
      spec: operation.spec,
      validate: operation.validate,
      world: operation.state.world,
      config: mock.config,
      ignored: ignoredRequirements(operation.faults, document),
      lenient: mock.lenient,
      now: mock.now(),
    },
    document,
    raw,
    rawPath,
  );
  if (decision.kind === 'refuse') return errorAnswer(operation, decision);
  const id = randomUUID();
  const sequence = operation.state.recordCreation(document);
  return bendSuccess(operation.faults, responsesFor(operation.route.api).success(document, { id, baseUrl: mock.baseUrl(), sequence }));
}

async function handle(mock: Handling, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const rawPath = request.url ?? '/';
  const url = new URL(rawPath, 'http://mock.invalid');
  const matched = matchRoute(mock.routes, url.pathname);
  const operation = matched && mock.operations.find((candidate) => candidate.route === matched.route);
  if (!matched || !operation) {
    request.resume();
    mock.send(response, plainError(404, `no operation at ${url.pathname}`));
    return;
  }
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'POST') {
    request.resume();
    mock.send(response, methodNotAllowed(operation, method));
    return;
  }
  const body = await readJsonBody(request, mock.limits);
  if (!body.ok) {
    mock.send(response, bodyRefused(operation, body.refusal));
    return;
  }
  const document: RequestDocument = { method, path: matched.path, header: headerDocument(request), body: body.value };
  if (interfered(mock, operation, document, request, response)) return;
  mock.send(response, await decidedAnswer(mock, operation, document, body.raw, rawPath));
}

/** The mock's request listener: each request answered as the specs (and the faults switched on) say. */
export function requestListener(context: HandlerContext): (request: IncomingMessage, response: ServerResponse) => void {
  const routes = context.operations.map((operation) => operation.route);
  const character = context.lenient ? lenientCharacter(routes) : undefined;
  const send = (response: ServerResponse, answer: MockResponse): void => writeAnswer(response, character ? character(answer, response.req) : answer);
  const mock: Handling = { ...context, routes, send };
  return (request, response) => {
    handle(mock, request, response).catch((error: unknown) => {
      // A bug of the mock, not of the client: say so rather than hang.
      if (!response.headersSent) send(response, plainError(500, `mock internal error: ${(error as Error).message}`));
      else response.destroy();
    });
  };
}
