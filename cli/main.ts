import { ConformanceError, UsageError } from '../engine/errors.ts';
import { suiteVersion } from '../engine/suite-version.ts';

type Command = (args: string[]) => Promise<number>;

/** `run` starts its planning threads (when it has any) before its module loads, so that they load the planner meanwhile. */
const runCommand: Command = async (args) => {
  const { earlyPlanningThreads, closeEarlyThreads } = await import('./early-planning-threads.ts');
  const early = earlyPlanningThreads(args);
  try {
    return await (await import('./commands/run.ts')).runCommand(args, early);
  } finally {
    await closeEarlyThreads(early);
  }
};

/** Each command's module is loaded only when that command runs: `--version` and `--help` load none of them. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => runCommand,
  replay: async () => (await import('./commands/replay.ts')).replayCommand,
  baseline: async () => (await import('./commands/baseline.ts')).baselineCommand,
  mock: async () => (await import('./commands/mock.ts')).mockCommand,
  specs: async () => (await import('./commands/specs.ts')).specsCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  cleanup: async () => (await import('./commands/cleanup.ts')).cleanupCommand,
};

async function printUsage(): Promise<void> {
  process.stdout.write((await import('./usage.ts')).USAGE);
}

export const EXIT = { conformant: 0, failures: 1, usage: 2 } as const;

async function dispatch(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    await printUsage();
    return command === undefined ? EXIT.usage : EXIT.conformant;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${suiteVersion()}\n`);
    return EXIT.conformant;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    await printUsage();
    return EXIT.conformant;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  return (await load())(rest);
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
