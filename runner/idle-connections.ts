/**
 * Lets the timers of idle keep-alive connections fire. Planning is synchronous and may hold the
 * event loop for seconds: a pooled connection whose server closed it meanwhile is still in the
 * pool, and the next request sent on it fails with ECONNRESET, a "reset" the target never
 * caused. One turn of the timers phase lets undici's own keep-alive timers (shorter than the
 * server's) drop such connections first.
 */
export function letIdleConnectionsExpire(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
