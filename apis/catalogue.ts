import { existsSync } from 'node:fs';
import path from 'node:path';
import { sourceDocumentPath, type ApiName } from '../engine/api-name.ts';
import { sourcePath } from '../engine/project-files.ts';
import { ApiFolderError, UsageError } from '../engine/errors.ts';
import type { RegisteredApi } from './api-definition.ts';
import { REGISTERED_APIS } from './registry.ts';

/** The registered APIs' names, in the registry's order. */
export const API_NAMES: readonly ApiName[] = REGISTERED_APIS.map((api) => api.name);

/** The data files every API folder holds beside its definition.ts (docs/adding-an-api.md). */
export const API_FOLDER_FILES = [
  'spec.yaml',
  'lifecycle.yaml',
  'fixtures.schema.json',
  'faults.yaml',
  'rule-cases.yaml',
  'violation-cases.yaml',
  'documented-response-codes.yaml',
] as const;
export type ApiFolderFile = (typeof API_FOLDER_FILES)[number];

/** An API whose folder is not named after it, or lacks a data file, stops every command at start, naming what is missing. */
function checkedFolders(apis: readonly RegisteredApi[]): readonly RegisteredApi[] {
  const problems = apis.flatMap((api) => [
    ...(path.basename(sourcePath(api.folder)) === api.name ? [] : [`${api.name}: its folder is ${sourcePath(api.folder)}, not apis/${api.name}/`]),
    ...missingApiFiles(api).map((file) => `${api.name}: apis/${api.name}/${file} is missing`),
  ]);
  if (problems.length) throw new ApiFolderError(problems);
  return apis;
}

let byName: ReadonlyMap<ApiName, RegisteredApi> | undefined;

/** The registered APIs by name, their folders checked on first use (inside the CLI's error handling, not at import). */
function registeredByName(): ReadonlyMap<ApiName, RegisteredApi> {
  byName ??= new Map(checkedFolders(REGISTERED_APIS).map((api) => [api.name, api]));
  return byName;
}

export function isApiName(name: string): name is ApiName {
  return registeredByName().has(name);
}

/** The registered API of this name; an unknown name is a programming error here (the CLI checks names it reads). */
export function apiDefinition(api: ApiName): RegisteredApi {
  const definition = registeredByName().get(api);
  if (!definition) throw new UsageError(`unknown API ${api}`, `The APIs are ${API_NAMES.join(', ')} (apis/registry.ts).`);
  return definition;
}

/** The path of one of the API folder's data files. */
export function apiFile(api: ApiName, file: ApiFolderFile): string {
  return folderFile(apiDefinition(api), file);
}

function folderFile(definition: RegisteredApi, file: ApiFolderFile): string {
  return path.join(sourcePath(definition.folder), file);
}

/** The data files a registered API's folder lacks: the registry refuses such an API at start. */
export function missingApiFiles(definition: RegisteredApi): string[] {
  return API_FOLDER_FILES.filter((file) => !existsSync(folderFile(definition, file)));
}

export function specFile(api: ApiName): string {
  return apiFile(api, 'spec.yaml');
}

export function sourceDocumentName(api: ApiName): string {
  return apiDefinition(api).sourceDocument;
}

export function sourceDocumentFile(api: ApiName): string {
  return sourceDocumentPath(sourceDocumentName(api));
}
