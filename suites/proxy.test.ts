import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import { startMock, type RunningMock } from '../mock/mock-server.ts';
import { conformanceAsync } from './support/cli-process.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

/** Behind a corporate proxy: HTTP_PROXY / HTTPS_PROXY are honoured (undici's EnvHttpProxyAgent), and NO_PROXY too. */
let mock: RunningMock;
let proxy: Server;
let tunnels: string[] = [];
let proxyUrl = '';
const scratch = mkdtempSync(path.join(tmpdir(), 'proxy-'));

beforeAll(async () => {
  mock = await startMock({ config: { ...DEFAULT_CONFIG, auth: { ...DEFAULT_CONFIG.auth, token: 'live-test-token' } } });
  // A CONNECT proxy on loopback that records each tunnel it opens.
  proxy = createServer();
  proxy.on('connect', (request, client, head) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  proxy.close();
  await mock.close();
});

const run = (environment: NodeJS.ProcessEnv) =>
  conformanceAsync(
    [
      'run',
      '--target',
      mock.url,
      '--config',
      writeLiveConfig(scratch),
      '--api',
      'lbaas-healthmonitors',
      '--runs',
      '1',
      '--seed',
      '2',
      '--no-cleanup',
      '--ledger',
      path.join(scratch, 'ledger.jsonl'),
    ],
    environment,
  );

describe('a run behind a proxy', () => {
  it("never sends the embedded mock's traffic through it", async () => {
    tunnels = [];
    const result = await conformanceAsync(['run', '--api', 'lbaas-healthmonitors', '--runs', '1', '--seed', '2'], { HTTP_PROXY: proxyUrl });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(tunnels).toEqual([]);
  });

  it('goes through HTTP_PROXY', async () => {
    tunnels = [];
    const result = await run({ HTTP_PROXY: proxyUrl });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(new Set(tunnels)).toEqual(new Set([new URL(mock.url).host]));
  });

  it('goes straight to a host NO_PROXY names', async () => {
    tunnels = [];
    const result = await run({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(tunnels).toEqual([]);
  });
});
