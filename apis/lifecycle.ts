import type { ApiName } from '../engine/api-name.ts';
import { apiFile } from './catalogue.ts';
import { resolvePointer } from '../engine/request/json-pointer.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { SpecError } from '../engine/errors.ts';
import { readYamlFile } from '../engine/spec/yaml-file.ts';
import { schemaFileValidator } from '../engine/schema/schema-file-validator.ts';

/** An HTTP operation of the service other than the create: its path holds `{id}` and request pointers (`{/path/project_id}`). */
export interface LifecycleOperation {
  method: 'GET' | 'DELETE';
  path: string;
}

/**
 * How a resource the run created is found, waited for and deleted (apis/<api>/lifecycle.yaml):
 * the documents describe the create only; the show and delete operations are the services'
 * public, stable APIs.
 */
export type Lifecycle = { api: ApiName; serial: boolean; preflight404: string } & (
  | {
      /** JSON pointer to the new resource's id in the create answer. */
      id: string;
      show: LifecycleOperation;
      /** JSON pointer to the resource's status in the show answer, and the statuses that mean "not settled yet". */
      status: string;
      pending: string;
      delete: LifecycleOperation;
      /** The show answer once the resource is deleted: one of these HTTP statuses, or a status matching this. */
      gone: { statuses: number[]; status?: string };
    }
  | { noDelete: string }
);

export type DeletableLifecycle = Extract<Lifecycle, { id: string }>;

const lifecycleValidator = schemaFileValidator(new URL('./lifecycle.schema.json', import.meta.url));
const loaded = new Map<ApiName, Lifecycle>();

export function lifecycleFile(api: ApiName): string {
  return apiFile(api, 'lifecycle.yaml');
}

/** The API's lifecycle, read and checked against apis/lifecycle.schema.json once per process. */
export function lifecycleOf(api: ApiName): Lifecycle {
  const cached = loaded.get(api);
  if (cached) return cached;
  const file = lifecycleFile(api);
  const data = readYamlFile(file);
  const validateLifecycle = lifecycleValidator();
  if (!validateLifecycle(data)) {
    const problems = (validateLifecycle.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
    throw new SpecError('CONF_SPEC_INVALID', file, `lifecycle: ${problems}`);
  }
  const lifecycle = { ...(data as object), api } as Lifecycle;
  loaded.set(api, lifecycle);
  return lifecycle;
}

export function isDeletable(lifecycle: Lifecycle): lifecycle is DeletableLifecycle {
  return 'delete' in lifecycle;
}

/** The id of the resource a create answer describes, when the answer carries one. */
export function createdId(lifecycle: DeletableLifecycle, answer: unknown): string | undefined {
  const id = resolvePointer(answer, lifecycle.id);
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** An operation's path for one created resource: `{id}` and request pointers filled in, each segment URL-encoded. */
export function operationPath(operation: LifecycleOperation, id: string, request: RequestDocument): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = name === 'id' ? id : resolvePointer(request, name);
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new SpecError('CONF_SPEC_INVALID', operation.path, `no value for {${name}} in the request`);
    return encodeURIComponent(String(value));
  });
}
