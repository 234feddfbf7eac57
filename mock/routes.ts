import type { ApiName } from '../engine/api-name.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';

export interface Route {
  api: ApiName;
  spec: LoadedSpec;
  pattern: RegExp;
  parameterNames: string[];
}

/** `/v2/{project_id}/servers` → a pattern capturing each path parameter (one segment each). */
export function routeOf(spec: LoadedSpec): Route {
  const parameterNames: string[] = [];
  const source = spec.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      parameterNames.push(name);
      return '([^/]+)';
    })
    .join('');
  return { api: spec.api, spec, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The route a path belongs to, with its path parameters decoded; undefined when none matches. */
export function matchRoute(routes: Route[], pathname: string): { route: Route; path: Record<string, string> } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const values = route.parameterNames.map((_, index) => decodeSegment(match[index + 1] ?? ''));
    if (values.some((value) => value === undefined)) return undefined;
    return { route, path: Object.fromEntries(route.parameterNames.map((name, index) => [name, values[index] as string])) };
  }
  return undefined;
}
