import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { getEventListeners } from 'node:events';
import { abortWith, RequestAbort } from '../runner/request-abort.ts';

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

describe('abortWith: the requests in flight under a signal', () => {
  it('are aborted with its reason, all of them, by one listener on it; a released one is not', () => {
    const controller = new AbortController();
    const requests = Array.from({ length: 100 }, () => new RequestAbort());
    const releases = requests.map((request) => abortWith(controller.signal, request));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    (releases[0] as () => void)();
    controller.abort('deadline');
    expect(requests[0]?.aborted).toBe(false);
    expect(requests.slice(1).every((request) => request.aborted && request.reason === 'deadline')).toBe(true);
  });

  it('under a signal already aborted, is aborted at once; with no signal, never', () => {
    const controller = new AbortController();
    controller.abort('stopped');
    const late = new RequestAbort();
    abortWith(controller.signal, late);
    expect(late.reason).toBe('stopped');
    const free = new RequestAbort();
    abortWith(undefined, free)();
    expect(free.aborted).toBe(false);
  });
});
