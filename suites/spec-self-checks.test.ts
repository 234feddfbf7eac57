import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, sourceDocumentFile, specFile } from '../apis/catalogue.ts';
import { seedsDirectory, type ApiName } from '../engine/api-name.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { claimCoverageProblems } from '../engine/schema/schema-claims.ts';
import { createSchemaValidator, violatedRequirementIds } from '../engine/schema/schema-violations.ts';
import { evaluateRequestRules } from '../engine/rules/rule-evaluator.ts';
import { expectedExampleFailures, specExamples, type SpecExample } from '../engine/spec/spec-examples.ts';
import { loadDocumentText } from '../engine/spec/document-text.ts';
import { expectedStatuses } from '../engine/spec/requirement-model.ts';
import { readProjectYaml } from './support/read-yaml.ts';

const seedsPresent = existsSync(seedsDirectory());

interface DocumentedCodes {
  api: string;
  codes: { status: number; quote: string }[];
}

/** What a spec example fails: its schema's requirements, plus the request rules it breaks. */
function failuresOf(spec: LoadedSpec, example: SpecExample): string[] {
  const schemaFailures = violatedRequirementIds(createSchemaValidator(spec)(example.location, example.value));
  if (example.location !== 'request-body') return schemaFailures;
  const request = { method: 'POST', path: {}, header: {}, body: example.value };
  const ruleFailures = evaluateRequestRules(spec.requirements, request)
    .filter((verdict) => verdict.verdict === 'broken')
    .map((verdict) => verdict.requirementId);
  return [...new Set([...schemaFailures, ...ruleFailures])].sort();
}

describe.each(API_NAMES)('%s spec', (api: ApiName) => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(api);
  });

  it('exists, passes swagger-parser validation and has well-formed x-requirements and x-errata', () => {
    expect(existsSync(specFile(api))).toBe(true);
    expect(spec.requirements.length).toBeGreaterThan(0);
  });

  it('claims every request-schema constraint with exactly one requirement, and every claim is real', () => {
    expect(claimCoverageProblems(spec).map((problem) => problem.message)).toEqual([]);
  });

  it('has examples; each is valid unless an erratum records it, and then fails exactly that erratum', () => {
    const examples = specExamples(spec);
    expect(examples.length).toBeGreaterThan(0);
    const expected = expectedExampleFailures(spec);
    const observed = examples.map((example) => ({ example: example.name, fails: failuresOf(spec, example) }));
    const wanted = examples.map((example) => ({ example: example.name, fails: expected.get(example.name) ?? [] }));
    expect(observed).toEqual(wanted);
    const names = examples.map((example) => example.name);
    expect(new Set(names).size, 'example names are unique').toBe(names.length);
    expect(
      [...expected.keys()].filter((name) => !names.includes(name)),
      'errata name existing examples',
    ).toEqual([]);
  });

  it('labels inferred every request requirement read from the response table (the level belongs to the claim)', () => {
    const fromResponseTable = spec.requirements.filter(
      (requirement) => requirement.cite.section === 'Response' && (requirement.schema ?? []).some((claim) => !claim.at.startsWith('response:')),
    );
    expect(fromResponseTable.filter((requirement) => requirement.level === 'explicit').map((requirement) => requirement.id)).toEqual([]);
  });

  it('keeps inferred every constraint whose refusal the document leaves unstated, with the status a refusing server answers', () => {
    for (const requirement of spec.requirements.filter((candidate) => candidate.refusal === 'unstated')) {
      expect(requirement.level, requirement.id).toBe('inferred');
      expect(expectedStatuses(requirement).length, requirement.id).toBeGreaterThan(0);
    }
  });

  it('names, in errata and tolerances, only requirements and errata of this spec', () => {
    const requirementIds = new Set(spec.requirements.map((requirement) => requirement.id));
    const errataIds = new Set(spec.errata.map((erratum) => erratum.id));
    const dangling = [
      ...spec.errata.flatMap((erratum) => (erratum.breaks ?? []).filter((id) => !requirementIds.has(id))),
      ...spec.requirements.flatMap((requirement) => (requirement.tolerated ?? []).map((t) => t.erratum).filter((id) => !errataIds.has(id))),
    ];
    expect(dangling).toEqual([]);
    const foreign = [...requirementIds, ...errataIds].filter((id) => !id.startsWith(`${api}/`));
    expect(foreign, 'ids start with the API name').toEqual([]);
  });

  it('gives every request-side status a documented (or inferred and documented-in-spec) response', () => {
    const responses = Object.keys(spec.operation.responses ?? {});
    const missing = spec.requirements.flatMap((requirement) =>
      expectedStatuses(requirement)
        .filter((status) => !responses.includes(String(status)))
        .map((status) => `${requirement.id} → ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists every response code the document mentions', () => {
    const documented = readProjectYaml<DocumentedCodes>(`apis/${api}/documented-response-codes.yaml`);
    expect(documented.api).toBe(api);
    const responses = Object.keys(spec.operation.responses ?? {});
    const missing = documented.codes.map((code) => String(code.status)).filter((status) => !responses.includes(status));
    expect(missing).toEqual([]);
  });

  it.skipIf(!seedsPresent)('quotes its source document verbatim, under sections the document has', () => {
    const document = loadDocumentText(sourceDocumentFile(api));
    expect(document, `source document of ${api}`).toBeDefined();
    if (!document) return;
    const documented = readProjectYaml<DocumentedCodes>(`apis/${api}/documented-response-codes.yaml`);
    const citations = [
      ...spec.requirements.map((requirement) => ({ id: requirement.id, ...requirement.cite })),
      ...spec.errata.map((erratum) => ({ id: erratum.id, section: erratum.section, quote: erratum.quote })),
    ];
    const unquoted = citations.filter((citation) => !document.containsQuote(citation.quote)).map((c) => `${c.id}: ${c.quote}`);
    const unsectioned = citations.filter((citation) => !document.hasSection(citation.section)).map((c) => `${c.id}: ${c.section}`);
    const codesUnquoted = documented.codes.filter((code) => !document.containsQuote(code.quote)).map((c) => `${c.status}: ${c.quote}`);
    expect({ unquoted, unsectioned, codesUnquoted }).toEqual({ unquoted: [], unsectioned: [], codesUnquoted: [] });
  });
});

it.runIf(!seedsPresent)('skips the verbatim-quote checks: the source documents folder is absent', () => {
  console.warn(`spec self-checks: ${seedsDirectory()} is absent; verbatim-quote checks skipped.`);
  expect(seedsPresent).toBe(false);
});

it('uses every requirement and erratum id once across the five specs', async () => {
  const specs = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
  const ids = specs.flatMap((spec) => [...spec.requirements.map((r) => r.id), ...spec.errata.map((e) => e.id)]);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  expect(duplicates).toEqual([]);
});
