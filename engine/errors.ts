/**
 * Errors with stable codes a caller can match on, each carrying what a user needs to act.
 * Exit status 2 (usage, config, unreachable target) is decided from these codes.
 */
export type ErrorCode =
  | 'CONF_USAGE'
  | 'CONF_CONFIG_INVALID'
  | 'CONF_SPEC_UNREADABLE'
  | 'CONF_SPEC_INVALID'
  | 'CONF_SPEC_EXTENSIONS_INVALID'
  | 'CONF_RULE_INVALID'
  | 'CONF_RESULTS_INVALID'
  | 'CONF_TARGET_UNREACHABLE'
  | 'CONF_PREFLIGHT_REFUSED'
  | 'CONF_LEDGER_UNREADABLE';

export class ConformanceError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
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

export class SpecError extends ConformanceError {
  readonly specFile: string;

  constructor(
    code: 'CONF_SPEC_UNREADABLE' | 'CONF_SPEC_INVALID' | 'CONF_SPEC_EXTENSIONS_INVALID',
    specFile: string,
    message: string,
    options?: { cause?: unknown },
  ) {
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

/** The target refused the fixtures' own valid request for a reason that makes every verdict meaningless (credentials, a wrong URL or fixture). */
export class PreflightError extends ConformanceError {
  constructor(message: string, hint: string) {
    super('CONF_PREFLIGHT_REFUSED', message, hint);
  }
}
