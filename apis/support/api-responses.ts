import type { RequestDocument } from '../../engine/request/request-document.ts';

/** What the mock answers: a status, headers (lower-case names), and a JSON body or none. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SuccessContext {
  /** A fresh UUID for the created resource. */
  id: string;
  /** The mock's base URL, e.g. http://127.0.0.1:41234, for links and Location. */
  baseUrl: string;
  /** 1, 2, 3… per API: creations so far, this one included. */
  sequence: number;
}

export interface ErrorContext {
  /** The requirement the request broke (undefined for protocol errors: bad JSON, unknown path…). */
  requirementId: string | undefined;
  /** What is wrong, for a human: includes the requirement id and its quote when there is one. */
  message: string;
  /** Where in the request document the fault is, e.g. /body/server/name, /header/x-auth-token. */
  pointer: string | undefined;
  /** 1, 2, 3… per API: errors answered so far, this one included (CloudBasic's requestId). */
  sequence: number;
}

/** The documented success and error answers of one API, shaped like its document's examples. */
export interface ApiResponses {
  success(request: RequestDocument, context: SuccessContext): MockResponse;
  error(status: number, context: ErrorContext): MockResponse;
}
