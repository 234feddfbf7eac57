import { UsageError } from '../../engine/errors.ts';
import { loadConfig } from '../../apis/config.ts';
import { startMock, type MockOptions, type Personality, type RunningMock } from '../../mock/mock-server.ts';
import { existingFileOption, integerOption, MOCK_OPTIONS, parseCommandOptions } from '../arguments.ts';

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

function personalityOption(value: string | undefined): Personality {
  if (value === undefined || value === 'strict' || value === 'lenient') return value ?? 'strict';
  throw new UsageError(`--personality must be strict or lenient, got ${JSON.stringify(value)}`);
}

/** `conformance mock`: serves the embedded mock until SIGINT or SIGTERM. */
export async function mockCommand(args: string[]): Promise<number> {
  const options = parseCommandOptions('mock', args, MOCK_OPTIONS);
  const port = integerOption('port', options.port, 0, 65535);
  const config = loadConfig(existingFileOption('config', options.config));
  const mock = await startMockOrExplain({ port: port ?? 0, config, faults: options.fault ?? [], personality: personalityOption(options.personality) });
  process.stdout.write(`conformance mock: listening on ${mock.url}\n${mockOperationsList(mock)}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await mock.close();
  process.stdout.write(`conformance mock: stopped (${signal})\n`);
  return 0;
}
