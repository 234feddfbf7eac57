import { ConformanceError, UsageError } from '../engine/errors.ts';
import { mockCommand } from './commands/mock.ts';
import { specsCommand } from './commands/specs.ts';
import { USAGE } from './usage.ts';
import { runCommand } from './commands/run.ts';
import { replayCommand } from './commands/replay.ts';
import { baselineCommand } from './commands/baseline.ts';
import { reportCommand } from './commands/report.ts';
import { cleanupCommand } from './commands/cleanup.ts';
import { suiteVersion } from '../runner/run-header.ts';

export const EXIT = { conformant: 0, failures: 1, usage: 2 } as const;

async function dispatch(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.conformant;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${suiteVersion()}\n`);
    return EXIT.conformant;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return EXIT.conformant;
  }
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'replay':
      return replayCommand(rest);
    case 'baseline':
      return baselineCommand(rest);
    case 'mock':
      return mockCommand(rest);
    case 'specs':
      return specsCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'cleanup':
      return cleanupCommand(rest);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/** Runs the CLI; returns the exit status. Known errors print their message and hint, never a stack. */
export async function main(args: string[]): Promise<number> {
  try {
    return await dispatch(args);
  } catch (error) {
    if (error instanceof ConformanceError) {
      process.stderr.write(`conformance: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    throw error;
  }
}
