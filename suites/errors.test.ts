import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import * as errors from '../engine/errors.ts';
import { ConformanceError, ERROR_CODES, type ErrorCode } from '../engine/errors.ts';
import { LAYERS, projectSources } from './support/import-layers.ts';

/**
 * Every error the suite throws on purpose lives in engine/errors.ts, each class with codes of
 * its own from ERROR_CODES and a hint a user can act on. A class added there without a sample
 * here fails the first test.
 */

/** Instances of each exported error class, made as the code that throws them makes them (every code a class can carry). */
const SAMPLES: Record<string, ConformanceError[]> = {
  UsageError: [new errors.UsageError('unknown option --colour')],
  ApiFolderError: [new errors.ApiFolderError(['toy-widgets: apis/toy-widgets/faults.yaml is missing'])],
  ConfigError: [new errors.ConfigError('config conformance.json is not JSON: Unexpected token')],
  BaselineError: [new errors.BaselineError('baseline.json', 'cannot read it: ENOENT')],
  KeystoneError: [
    new errors.KeystoneError(
      'Keystone at https://keystone:5000/v3/auth/tokens refused the credentials: 401',
      'Check the user, password (or application credential), project and domains.',
    ),
  ],
  SpecError: [
    new errors.SpecError('CONF_SPEC_UNREADABLE', 'apis/compute-servers/spec.yaml', 'ENOENT'),
    new errors.SpecError('CONF_SPEC_INVALID', 'apis/compute-servers/spec.yaml', 'a spec holds exactly one path with one `post` operation'),
    new errors.SpecError('CONF_SPEC_EXTENSIONS_INVALID', 'apis/compute-servers/spec.yaml', 'x-requirements / x-errata: /0 must have required property id'),
  ],
  RuleError: [new errors.RuleError('compute-servers/name-required', 'has no rule to evaluate')],
  UnsatisfiableSchemaError: [new errors.UnsatisfiableSchemaError({ type: 'string', minLength: 5, maxLength: 2 })],
  ResultsFileError: [new errors.ResultsFileError('results.json', 'not JSON', { line: 3 })],
  TargetUnreachableError: [new errors.TargetUnreachableError('http://127.0.0.1:9', 'connect ECONNREFUSED', undefined, 'refused')],
  PreflightError: [new errors.PreflightError('the target refused the base request with 401', 'Check the token (auth.token or CONFORMANCE_AUTH_TOKEN).')],
  LedgerError: [new errors.LedgerError('cannot read the ledger ledger.jsonl: ENOENT')],
  HeadersTimeoutError: [new errors.HeadersTimeoutError(300)],
  BodyTimeoutError: [new errors.BodyTimeoutError(300)],
  CarriedWorkerError: [
    new errors.CarriedWorkerError(
      'CONF_CONFIG_INVALID',
      'the config gives no fixtures for cloud-databases-ha',
      'Add "fixtures": { "cloud-databases-ha": { … } } to the config file (apis/cloud-databases-ha/fixtures.schema.json gives the keys).',
    ),
  ],
};

const isErrorClass = (value: unknown): value is abstract new (...args: never[]) => Error => typeof value === 'function' && value.prototype instanceof Error;
const exportedClasses = Object.entries(errors).filter(([, value]) => isErrorClass(value) && value !== ConformanceError);

describe('the errors of the suite (engine/errors.ts)', () => {
  it('has a sample of every exported error class, each a ConformanceError named after its class', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(exportedClasses.map(([name]) => name).sort());
    for (const [name, errorClass] of exportedClasses) {
      for (const sample of SAMPLES[name] ?? []) {
        expect(sample).toBeInstanceOf(errorClass);
        expect(sample).toBeInstanceOf(ConformanceError);
        expect(sample.name).toBe(name);
      }
    }
  });

  it('gives each class stable codes of its own, from ERROR_CODES, and leaves no code unowned', () => {
    const owner = new Map<ErrorCode, string>();
    // A planning thread's error crosses to the run as CarriedWorkerError, keeping the code of the class it was thrown as.
    for (const [name, samples] of Object.entries(SAMPLES).filter(([name]) => name !== 'CarriedWorkerError')) {
      for (const { code } of samples) {
        expect(Object.keys(ERROR_CODES), `${name}: ${code}`).toContain(code);
        expect(owner.get(code) ?? name, `${code} is carried by ${owner.get(code)} and ${name}`).toBe(name);
        owner.set(code, name);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('says what each code means', () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(meaning.length, code).toBeGreaterThan(20);
  });

  it('carries a hint a user can act on: a sentence of its own, not the message again', () => {
    for (const [name, samples] of Object.entries(SAMPLES)) {
      for (const sample of samples) {
        expect(sample.hint, name).toMatch(/^[A-Z].{15,}[.)]$/s);
        expect(sample.hint, name).not.toBe(sample.message);
      }
    }
  });

  it('is the only home of a code: no source names a CONF_ code ERROR_CODES does not hold', () => {
    const codes = new Set<string>(Object.keys(ERROR_CODES));
    const unknown = projectSources(PROJECT_ROOT)
      .filter((file) => (LAYERS as readonly string[]).includes(file.path.split('/')[0] ?? ''))
      .flatMap((file) => [...file.text.matchAll(/\bCONF_[A-Z0-9_]+\b/g)].map((match) => `${file.path}: ${match[0]}`))
      .filter((found) => !codes.has(found.split(': ')[1] ?? ''));
    expect(unknown).toEqual([]);
  });
});
