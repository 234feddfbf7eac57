import { boundedMemo } from '../bounded-memo.ts';
import type { RequestDocument } from './request-document.ts';

/** One HTTP request on the wire, built from a request document and a spec's path template. */
export interface HttpRequestPlan {
  method: string;
  /** Shared by every plan with the same URL: read only. */
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

/** `/v2/{project_id}/servers` with `{project_id: "abc"}` → `/v2/abc/servers` (each value URL-encoded). */
export function expandPathTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** The path of a target's base URL, its trailing slash dropped: the same few targets for every request of a run, parsed once each. */
const basePathOf = boundedMemo(64, (baseUrl: string) => new URL(baseUrl).pathname.replace(/\/$/, ''));

/** Per target, its requests' URLs: a run sends most of its requests to a few (the fixtures' path values), each parsed once. */
const urlsOf = boundedMemo(64, (baseUrl: string) => boundedMemo(1024, (path: string) => new URL(path, baseUrl)));

export function toHttpRequest(baseUrl: string, pathTemplate: string, request: RequestDocument): HttpRequestPlan {
  const url = urlsOf(baseUrl)(`${basePathOf(baseUrl)}${expandPathTemplate(pathTemplate, request.path)}`);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = { ...request.header };
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  delete headers.host;
  return { method: request.method, url, headers, body };
}
