import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { RequestAbort } from '../runner/request-abort.ts';

describe('RequestAbort', () => {
  it('aborts once: the first reason stays, the listeners hear it once', () => {
    const abort = new RequestAbort();
    const heard: unknown[] = [];
    abort.on('abort', () => heard.push(abort.reason));
    abort.abort('deadline');
    abort.abort('stopped');
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('deadline');
    expect(heard).toEqual(['deadline']);
  });

  it('without a reason, has an AbortController’s default one', () => {
    const abort = new RequestAbort();
    abort.abort();
    expect(abort.reason).toBeInstanceOf(DOMException);
    expect((abort.reason as DOMException).name).toBe('AbortError');
  });

  describe('as the signal of an undici request', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      // Answers nothing: only the abort ends a request.
      server = createServer(() => {});
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('aborts the request with its reason, as an AbortSignal does', async () => {
      const abort = new RequestAbort();
      const reason = new Error('headers timeout');
      const pending = request(url, { signal: abort });
      setImmediate(() => abort.abort(reason));
      await expect(pending).rejects.toBe(reason);
    });

    it('already aborted: the request fails with its reason', async () => {
      const abort = new RequestAbort();
      abort.abort('stopped');
      await expect(request(url, { signal: abort })).rejects.toBe('stopped');
    });
  });
});
