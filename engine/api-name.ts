import path from 'node:path';
import { PROJECT_ROOT } from './project-files.ts';

/**
 * An API's name (`compute-servers`): the name the CLI, the config, the report and the tests use.
 * The engine knows no API by name; which APIs exist is the registry's (apis/registry.ts).
 */
export type ApiName = string;

/** ../shared/seeds beside the project's root; CONFORMANCE_SEEDS overrides it. */
export function seedsDirectory(): string {
  return process.env.CONFORMANCE_SEEDS ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds');
}

export function sourceDocumentPath(name: string): string {
  return path.join(seedsDirectory(), name);
}
