import { UsageError } from '../engine/errors.ts';
import { startMock, type MockOptions, type RunningMock } from '../mock/mock-server.ts';

export function mockOperationsList(mock: RunningMock): string {
  return mock.operations.map(({ api, path }) => `  ${api.padEnd(22)} POST ${mock.url}${path}\n`).join('');
}

/** startMock, with a port already taken (or not ours) said plainly instead of a stack trace. */
export async function startMockOrExplain(options: MockOptions): Promise<RunningMock> {
  try {
    return await startMock(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UsageError(`cannot listen on 127.0.0.1:${options.port}: ${code}`, 'Choose another --port, or 0 for an ephemeral one.');
    }
    throw error;
  }
}
