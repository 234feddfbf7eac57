import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { requestPartPointer } from '../engine/schema/schema-locations.ts';
import { boundedMemo } from '../engine/bounded-memo.ts';
import { formatPointer, parsePointer, pointerTokens } from '../engine/request/json-pointer.ts';
import { childOf, isContainer } from '../engine/request/json-pointer.ts';

/** The key a generator uses for a member of a map whose keys are free (additionalProperties). */
export const FREE_KEY = 'conformance_key';

/**
 * The instance a schema node constrains: `/properties/server/properties/name` → `/server/name`;
 * items are the first item. Undefined for a node that constrains keys (propertyNames).
 */
export function instanceTokensOf(schemaPointer: string): string[] | undefined {
  const tokens = parsePointer(schemaPointer);
  const instance: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === 'properties' || token === 'prefixItems') {
      instance.push(tokens[index + 1] ?? '');
      index += 1;
    } else if (token === 'items') instance.push('0');
    else if (token === 'additionalProperties') instance.push(FREE_KEY);
    else if (token === 'anyOf' || token === 'oneOf' || token === 'allOf') index += 1;
    else return undefined;
  }
  return instance;
}

/** A loaded spec is read-only: where each of its schema nodes sits in a request is worked out once. */
const requestPointers = new WeakMap<LoadedSpec, Map<string, string | undefined>>();

export function requestPointerOf(spec: LoadedSpec, location: string, schemaPointer: string): string | undefined {
  let ofSpec = requestPointers.get(spec);
  if (!ofSpec) {
    ofSpec = new Map();
    requestPointers.set(spec, ofSpec);
  }
  const key = `${location}#${schemaPointer}`;
  if (!ofSpec.has(key)) ofSpec.set(key, requestPointerIn(spec, location, schemaPointer));
  return ofSpec.get(key);
}

function requestPointerIn(spec: LoadedSpec, location: string, schemaPointer: string): string | undefined {
  const prefix = requestPartPointer(spec, location);
  const tokens = instanceTokensOf(schemaPointer);
  if (prefix === undefined || tokens === undefined) return undefined;
  return `${prefix}${formatPointer(tokens)}`;
}

/** The schema pointers of each ancestor of a node, outermost first: for filling in what the base lacks. */
export function schemaAncestors(schemaPointer: string): string[] {
  const tokens = parsePointer(schemaPointer);
  const ancestors: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === 'properties' || token === 'prefixItems') {
      index += 1;
      ancestors.push(formatPointer(tokens.slice(0, index + 1)));
    } else if (token === 'items' || token === 'additionalProperties') {
      ancestors.push(formatPointer(tokens.slice(0, index + 1)));
    }
  }
  return ancestors;
}

/** A pointer written the way formatPointer writes its tokens (the same pointer, for any the suite makes). */
const canonicalPointer = boundedMemo(4096, (pointer) => formatPointer(pointerTokens(pointer)));

/**
 * The pointer with each free key (a member of a map, FREE_KEY) bound to a member the request
 * already has there: the parameter a template declares rather than a new one it does not.
 */
export function boundToMembers(request: unknown, pointer: string): string {
  const own = pointerTokens(pointer);
  if (!own.includes(FREE_KEY)) return canonicalPointer(pointer);
  let node: unknown = request;
  const tokens = own.map((token) => {
    const first = token === FREE_KEY && isContainer(node) && !Array.isArray(node) ? Object.keys(node)[0] : undefined;
    const bound = first ?? token;
    node = childOf(node, bound);
    return bound;
  });
  return formatPointer(tokens);
}
