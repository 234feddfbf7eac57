import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The five APIs of DESIGN.md: the names used by the CLI, the config, the report and the tests. */
export const API_NAMES = [
  'cloud-databases-ha',
  'lbaas-healthmonitors',
  'cloudbasic-cluster',
  'compute-servers',
  'orchestration-stacks',
] as const;

export type ApiName = (typeof API_NAMES)[number];

const SOURCE_DOCUMENTS: Record<ApiName, string> = {
  'cloud-databases-ha': 'cloud-databases-create-ha.rst',
  'lbaas-healthmonitors': 'lbaas-v2-create-healthmonitor.rst',
  'cloudbasic-cluster': 'cloudbasic-create-cluster.txt',
  'compute-servers': 'compute-create-server.txt',
  'orchestration-stacks': 'orchestration-create-stack.rst',
};

export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

/** ../shared/seeds beside the project's root; CONFORMANCE_SEEDS overrides it. */
export function seedsDirectory(): string {
  return process.env.CONFORMANCE_SEEDS ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds');
}

export function isApiName(name: string): name is ApiName {
  return (API_NAMES as readonly string[]).includes(name);
}

export function specFile(api: ApiName): string {
  return path.join(PROJECT_ROOT, 'specs', `${api}.yaml`);
}

export function sourceDocumentName(api: ApiName): string {
  return SOURCE_DOCUMENTS[api];
}

export function sourceDocumentFile(api: ApiName): string {
  return path.join(seedsDirectory(), SOURCE_DOCUMENTS[api]);
}
