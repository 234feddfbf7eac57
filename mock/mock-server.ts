import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './request-body.ts';
import { ApiState } from './mock-state.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { routeOf } from './routes.ts';
import { faultsById } from './fault-catalogue.ts';
import { requestListener, type Operation } from './request-handler.ts';

export type Personality = 'strict' | 'lenient';

export interface MockOptions {
  host?: string;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  config?: ConformanceConfig;
  /** The APIs it serves (default: every registered API); a run starts it for the APIs it sends to, and loads no other spec. */
  apis?: readonly ApiName[];
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

async function prepare(options: MockOptions): Promise<Operation[]> {
  const config = options.config ?? DEFAULT_CONFIG;
  const faults = faultsById(options.faults ?? []);
  const specs = await Promise.all((options.apis ?? API_NAMES).map((api) => loadSpec(api)));
  return specs.map((spec) => ({
    route: routeOf(spec),
    spec,
    validate: createSchemaValidator(spec),
    state: new ApiState(spec.api, options.worlds?.[spec.api] ?? worldFromFixtures(spec.api, config)),
    faults: faults.filter((fault) => fault.api === spec.api),
  }));
}

/** An HTTP server for the listener, with deadlines for slow clients. */
function mockServer(listener: RequestListener, options: MockOptions): Server {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node checks request deadlines on this interval (30 s by default): keep it a fraction of the deadline.
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(requestTimeout / 3)));
  const server: Server = createServer({ connectionsCheckingInterval }, listener);
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, server.requestTimeout);
  return server;
}

function listen(server: Server, options: MockOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
}

/** Starts the embedded mock on 127.0.0.1: the registered APIs' operations (or those asked for), enforcing every rule of the specs. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const operations = await prepare(options);
  const hanging = new Set<ServerResponse>();
  let baseUrl = '';
  const server = mockServer(
    requestListener({
      operations,
      config: options.config ?? DEFAULT_CONFIG,
      limits: { ...DEFAULT_BODY_LIMITS, ...options.limits },
      now: options.now ?? (() => new Date()),
      lenient: options.personality === 'lenient',
      hanging,
      baseUrl: () => baseUrl,
    }),
    options,
  );
  await listen(server, options);
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
