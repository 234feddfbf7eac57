import type { JsonSchema } from './schema/json-schema-node.ts';

/**
 * Every error the suite throws on purpose, in one module (as undici's lib/core/errors.js): each
 * class has a stable code a caller can match on, and a hint that says what the user can do. The
 * engine is the bottom layer, so every layer throws these; none declares its own.
 * The CLI ends with exit status 2 on any of them, printing the message and the hint.
 */
export const ERROR_CODES = {
  CONF_USAGE: 'the command line asks for something the CLI cannot do (an option, a fault, a port)',
  CONF_CONFIG_INVALID: "the config file cannot be read, is not JSON, or breaks apis/config.schema.json (with each API's fixtures.schema.json)",
  CONF_API_INCOMPLETE: 'an API the registry (apis/registry.ts) lists has a folder that lacks a data file or is not named after it',
  CONF_BASELINE_INVALID: 'the --baseline file cannot be read or breaks engine/baseline.schema.json',
  CONF_KEYSTONE_FAILED: 'Keystone could not be reached, refused the credentials, or its catalog serves no chosen API',
  CONF_SPEC_UNREADABLE: 'a spec (or a YAML file beside it) cannot be read or parsed',
  CONF_SPEC_INVALID: 'a spec is not a valid OpenAPI document of one operation, or its lifecycle is wrong',
  CONF_SPEC_EXTENSIONS_INVALID: "a spec's x-requirements / x-errata break engine/spec-extensions.schema.json",
  CONF_RULE_INVALID: 'a requirement has no rule, or a rule the evaluator cannot judge',
  CONF_SCHEMA_UNSATISFIABLE: 'no value satisfies a schema node the generators were asked to fill',
  CONF_RESULTS_INVALID: 'a results file cannot be read, or is not what `conformance run --json` writes',
  CONF_TARGET_UNREACHABLE: 'the target cannot be reached at all (refused, no such host, no route, TLS)',
  CONF_PREFLIGHT_REFUSED: "the target refused the fixtures' own valid request (credentials, URL or fixtures wrong)",
  CONF_LEDGER_UNREADABLE: 'the ledger of created resources cannot be read',
  CONF_HEADERS_TIMEOUT: "no answer's headers within --timeout (a case's transport failure)",
  CONF_BODY_TIMEOUT: "the whole answer body not within --timeout (a case's transport failure)",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export abstract class ConformanceError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

export class UsageError extends ConformanceError {
  constructor(message: string, hint = 'Run `npx conformance --help` for the options.') {
    super('CONF_USAGE', message, hint);
  }
}

/** A registered API whose folder is incomplete (docs/adding-an-api.md lists what it holds). */
export class ApiFolderError extends ConformanceError {
  constructor(problems: readonly string[]) {
    super(
      'CONF_API_INCOMPLETE',
      `the API registry (apis/registry.ts) names incomplete APIs:\n  ${problems.join('\n  ')}`,
      "Add what is missing, or remove the API's line from apis/registry.ts; docs/adding-an-api.md lists what an API folder holds.",
    );
  }
}

export class ConfigError extends ConformanceError {
  constructor(message: string, hint = 'README.md describes the config file.') {
    super('CONF_CONFIG_INVALID', message, hint);
  }
}

export class BaselineError extends ConformanceError {
  constructor(
    file: string,
    message: string,
    hint = 'A baseline is {"baselineVersion": 1, "entries": [{"requirement": "<id>", "reason": "…", "link": "https://…", "expires": "YYYY-MM-DD"}]}; `conformance baseline RESULTS.json` writes one.',
  ) {
    super('CONF_BASELINE_INVALID', `--baseline ${file}: ${message}`, hint);
  }
}

export class KeystoneError extends ConformanceError {
  constructor(message: string, hint: string) {
    super('CONF_KEYSTONE_FAILED', message, hint);
  }
}

export type SpecErrorCode = Extract<ErrorCode, 'CONF_SPEC_UNREADABLE' | 'CONF_SPEC_INVALID' | 'CONF_SPEC_EXTENSIONS_INVALID'>;

/** A spec that cannot be used; the one class with several codes (unreadable, invalid, invalid extensions), all its own. */
export class SpecError extends ConformanceError {
  readonly specFile: string;

  constructor(code: SpecErrorCode, specFile: string, message: string, options?: { cause?: unknown }) {
    super(code, `${specFile}: ${message}`, 'Fix the spec; docs/writing-a-spec.md gives the conventions.', options);
    this.specFile = specFile;
  }
}

export class RuleError extends ConformanceError {
  readonly requirementId: string;

  constructor(requirementId: string, message: string) {
    super('CONF_RULE_INVALID', `${requirementId}: ${message}`, 'Fix the rule in the spec; docs/writing-a-spec.md lists the vocabulary.');
    this.requirementId = requirementId;
  }
}

/** No value satisfies a schema node (generators/schema-arbitrary.ts valueFor); callers that may ask for one catch it. */
export class UnsatisfiableSchemaError extends ConformanceError {
  constructor(readonly schema: JsonSchema) {
    super(
      'CONF_SCHEMA_UNSATISFIABLE',
      `no value satisfies the schema ${JSON.stringify(schema).slice(0, 200)}`,
      'Fix the schema in the spec so that some value satisfies it; docs/writing-a-spec.md gives the conventions.',
    );
  }
}

/** A results file that cannot be read, or is not what `conformance run --json` writes. */
export class ResultsFileError extends ConformanceError {
  readonly file: string;
  /** The 1-based line the problem is on, when the file was read line by line. */
  readonly line: number | undefined;

  constructor(file: string, message: string, options: { line?: number; hint?: string; cause?: unknown } = {}) {
    const where = options.line === undefined ? file : `${file}, line ${options.line}`;
    const hint = options.hint ?? 'Give the results file as `conformance run --json` wrote it (reports/results.schema.json describes it).';
    super('CONF_RESULTS_INVALID', `${where}: ${message}`, hint, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = file;
    this.line = options.line;
  }
}

/** The ways of not reaching a target at all (runner/transport-failure.ts classifies them among the others). */
export type UnreachableKind = 'refused' | 'dns' | 'unroutable' | 'tls-certificate' | 'tls-protocol';

/** The target could not be reached at all: exit 2, with the address and the cause, and what to do about it. */
export class TargetUnreachableError extends ConformanceError {
  constructor(
    readonly target: string,
    cause: string,
    hint = "Check --target (or the config's target) and that the endpoint is up.",
    /** How it failed (refused, dns, tls-certificate…), when known. */
    readonly kind?: UnreachableKind,
  ) {
    super('CONF_TARGET_UNREACHABLE', `cannot reach the target ${target}: ${cause}`, hint);
  }
}

/** The target refused the fixtures' own valid request for a reason that makes every verdict meaningless (credentials, a wrong URL or fixture). */
export class PreflightError extends ConformanceError {
  constructor(message: string, hint: string) {
    super('CONF_PREFLIGHT_REFUSED', message, hint);
  }
}

export class LedgerError extends ConformanceError {
  constructor(message: string) {
    super('CONF_LEDGER_UNREADABLE', message, 'Give the ledger a run wrote (--ledger FILE, or the path it printed).');
  }
}

/**
 * The suite's own bound on the wait for an answer's headers (runner/http-exchange.ts), thrown
 * only as the abort reason of the exchange: runner/transport-failure.ts makes it the case's
 * `timeout` failure by its code, as it does undici's UND_ERR_HEADERS_TIMEOUT.
 */
export class HeadersTimeoutError extends ConformanceError {
  constructor(timeoutMs: number) {
    super('CONF_HEADERS_TIMEOUT', `no answer within ${timeoutMs} ms`, 'Raise --timeout if the target is slow to answer, or check that it is not overloaded.');
  }
}

/** The suite's own bound on the whole answer body (a trickle that never ends), an abort reason like HeadersTimeoutError. */
export class BodyTimeoutError extends ConformanceError {
  constructor(timeoutMs: number) {
    super('CONF_BODY_TIMEOUT', `the whole body took longer than ${timeoutMs} ms`, 'Raise --timeout if the target sends its answers slowly.');
  }
}

/** A suite error thrown in a planning worker thread, carried to the main thread with its code and hint. */
export class CarriedWorkerError extends ConformanceError {
  constructor(code: ErrorCode, message: string, hint: string) {
    super(code, message, hint);
  }
}
