import { loadSpec, type LoadedSpec } from '../engine/spec-loader.ts';
import { ConformanceError, UsageError } from '../engine/errors.ts';
import { apiNamesOption, existingFileOption, integerOption, MOCK_OPTIONS, parseCommandOptions, SPECS_OPTIONS } from './arguments.ts';
import { listSpec } from './specs-listing.ts';
import { plannedCoverage } from './specs-coverage.ts';
import { formatSpecListings } from './specs-text.ts';
import { loadConfig } from '../engine/config.ts';
import type { Personality } from '../mock/mock-server.ts';
import { mockOperationsList, startMockOrExplain } from './commands/mock.ts';
import { USAGE } from './usage.ts';
import { runCommand } from './commands/run.ts';
import { replayCommand } from './commands/replay.ts';
import { baselineCommand } from './commands/baseline.ts';
import { reportCommand } from './commands/report.ts';
import { cleanupCommand } from './commands/cleanup.ts';
import { suiteVersion } from '../runner/run-header.ts';

export const EXIT = { conformant: 0, failures: 1, usage: 2 } as const;


function personalityOption(value: string | undefined): Personality {
  if (value === undefined || value === 'strict' || value === 'lenient') return value ?? 'strict';
  throw new UsageError(`--personality must be strict or lenient, got ${JSON.stringify(value)}`);
}

async function serveMock(args: string[]): Promise<number> {
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
  return EXIT.conformant;
}

async function printSpecs(args: string[]): Promise<number> {
  const options = parseCommandOptions('specs', args, SPECS_OPTIONS);
  const specs = await Promise.all(apiNamesOption(options.api).map((api) => loadSpec(api)));
  const listings = specs.map(listSpec);
  const width = process.stdout.isTTY ? process.stdout.columns : undefined;
  // The JSON also says what a default run sends each way: it plans one (a few seconds), the text does not.
  const withCoverage = () => listings.map((listing, index) => ({ ...listing, coverage: plannedCoverage(specs[index] as LoadedSpec) }));
  process.stdout.write(options.json ? `${JSON.stringify(withCoverage(), null, 2)}\n` : `${formatSpecListings(listings, { width })}\n`);
  return EXIT.conformant;
}

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
      return serveMock(rest);
    case 'specs':
      return printSpecs(rest);
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
