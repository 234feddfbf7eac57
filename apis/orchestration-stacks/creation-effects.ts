import type { RequestDocument } from '../../engine/request/request-document.ts';
import { valueAt } from '../../engine/rules/rule-paths.ts';
import type { CreationEffects } from '../api-definition.ts';

/** A second stack of the same name in the tenant must now conflict (409). */
export function creationEffectsOf(request: RequestDocument): CreationEffects {
  return { adds: [{ collection: 'stacks', item: { key: [request.path.tenant_id, valueAt(request, '/body/stack_name')] } }], changes: [] };
}
