import { readYamlFile } from './yaml-file.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { ApiName } from '../api-name.ts';
import { SpecError } from '../errors.ts';
import type { Erratum, Requirement } from './requirement-model.ts';
import { schemaFileValidator } from '../schema/schema-file-validator.ts';
import { builtSpec } from './built-specs.ts';
import { invalidSchemaObjects } from './schema-objects-check.ts';

export type OpenApiDocument = OpenAPIV3_1.Document;
export type Operation = OpenAPIV3_1.OperationObject & {
  'x-requirements': Requirement[];
  'x-errata': Erratum[];
};

/** One API's spec: the file as written, and the same document with every `$ref` inlined. */
export interface LoadedSpec {
  api: ApiName;
  file: string;
  sourceDocument: string;
  raw: OpenApiDocument;
  document: OpenApiDocument;
  path: string;
  method: 'post';
  operation: Operation;
  requirements: Requirement[];
  errata: Erratum[];
}

const extensionsValidator = schemaFileValidator(new URL('./spec-extensions.schema.json', import.meta.url));

/** swagger-parser validates (OpenAPI 3.1 schema + $refs) and dereferences; both mutate, so each gets a copy. */
async function validateAndDereference(file: string, raw: OpenApiDocument): Promise<OpenApiDocument> {
  // Loaded here, not at start: a spec the build kept needs none of it.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  try {
    await SwaggerParser.validate(structuredClone(raw) as never);
    return (await SwaggerParser.dereference(structuredClone(raw) as never)) as OpenApiDocument;
  } catch (error) {
    throw new SpecError('CONF_SPEC_INVALID', file, (error as Error).message, { cause: error });
  }
}

function theOnlyOperation(file: string, document: OpenApiDocument): { path: string; operation: Operation } {
  const entries = Object.entries(document.paths ?? {});
  const [first] = entries;
  if (entries.length !== 1 || !first || !first[1]?.post) {
    throw new SpecError('CONF_SPEC_INVALID', file, 'a spec holds exactly one path with one `post` operation');
  }
  return { path: first[0], operation: first[1].post as Operation };
}

function checkExtensions(file: string, operation: Operation): void {
  const shape = { 'x-requirements': operation['x-requirements'], 'x-errata': operation['x-errata'] ?? [] };
  const validateExtensions = extensionsValidator();
  if (!validateExtensions(shape)) {
    const details = (validateExtensions.errors ?? [])
      .slice(0, 8)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
      .join('; ');
    throw new SpecError('CONF_SPEC_EXTENSIONS_INVALID', file, `x-requirements / x-errata: ${details}`);
  }
}

function checkSchemaObjects(file: string, document: OpenApiDocument): void {
  const problems = invalidSchemaObjects(document);
  if (problems.length) throw new SpecError('CONF_SPEC_INVALID', file, problems.slice(0, 8).join('; '));
}

/**
 * Loading validates and dereferences with swagger-parser (~100 ms a spec); a process that runs
 * many times (a mutation campaign, a benchmark) loads each spec once. Loaded specs are read-only.
 */
const loaded = new Map<string, Promise<LoadedSpec>>();

/** Where one API's spec is: its name, its spec file and its source document's file name (the registry knows them: apis/api-specs.ts). */
export interface SpecSource {
  api: ApiName;
  file: string;
  sourceDocument: string;
}

export function loadSpecFile(source: SpecSource): Promise<LoadedSpec> {
  let spec = loaded.get(source.file);
  if (!spec) {
    spec = readAndValidateSpec(source);
    loaded.set(source.file, spec);
    spec.catch(() => loaded.delete(source.file));
  }
  return spec;
}

async function readAndValidateSpec({ api, file, sourceDocument }: SpecSource): Promise<LoadedSpec> {
  const built = builtSpec(file);
  const raw = (built?.raw ?? readYamlFile(file)) as OpenApiDocument;
  const document = (built?.document as OpenApiDocument | undefined) ?? (await validateAndDereference(file, raw));
  const { path, operation } = theOnlyOperation(file, document);
  if (!built) {
    checkExtensions(file, operation);
    checkSchemaObjects(file, document);
  }
  const declaredApi = (document.info as { 'x-api'?: string })['x-api'];
  if (declaredApi !== api) {
    throw new SpecError('CONF_SPEC_INVALID', file, `info.x-api is ${String(declaredApi)}, expected ${api}`);
  }
  return {
    api,
    file,
    sourceDocument,
    raw,
    document,
    path,
    method: 'post',
    operation,
    requirements: operation['x-requirements'],
    errata: operation['x-errata'] ?? [],
  };
}

/** The operation as the reports and the CLI name it: `POST /v2.0/lbaas/healthmonitors`. */
export function operationOf(spec: LoadedSpec): string {
  return `${spec.method.toUpperCase()} ${spec.path}`;
}

/** Each spec's requirements by id, indexed once (a loaded spec is read-only); a spec copied and edited gets its own index. */
const requirementIndexes = new WeakMap<Requirement[], Map<string, Requirement>>();

export function requirementById(spec: LoadedSpec, id: string): Requirement | undefined {
  let index = requirementIndexes.get(spec.requirements);
  if (!index) {
    index = new Map(spec.requirements.map((requirement) => [requirement.id, requirement]));
    requirementIndexes.set(spec.requirements, index);
  }
  return index.get(id);
}

/** The spec among several that holds a requirement, with the requirement (ids name their API, so one at most). */
export function requirementAmong(specs: readonly LoadedSpec[], id: string): { spec: LoadedSpec; requirement: Requirement } | undefined {
  for (const spec of specs) {
    const requirement = requirementById(spec, id);
    if (requirement) return { spec, requirement };
  }
  return undefined;
}
