import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { expectedExampleFailures, specExamples } from '../engine/spec/spec-examples.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { send, successStatus, type Answer } from './support/mock-client.ts';
import { TEST_CONFIG, useMock } from './support/running-mock.ts';
import { worldHolding } from './support/world-for-request.ts';
import { startMock } from '../mock/mock-server.ts';

const fixture = useMock();

/** The documented success: status, content type and headers of the response rules, body valid against the schema. */
function expectDocumentedSuccess(spec: LoadedSpec, answer: Answer): void {
  const status = successStatus(spec);
  expect(answer.status, answer.text).toBe(status);
  for (const requirement of spec.requirements) {
    const rule = requirement.rule;
    if (rule?.kind === 'responseContentType' && rule.status === status) expect(answer.headers['content-type'], requirement.id).toContain(rule.mediaType);
    if (rule?.kind === 'responseHeader' && rule.status === status) expect(answer.headers[rule.name.toLowerCase()], requirement.id).toBeTruthy();
  }
  const hasSchema = Boolean((spec.operation.responses?.[String(status)] as { content?: unknown } | undefined)?.content);
  if (hasSchema) expect(createSchemaValidator(spec)(`response:${status}`, answer.json).map((v) => `${v.requirementId}: ${v.message}`)).toEqual([]);
  else expect(answer.text).toBe('');
}

describe.each(API_NAMES)('%s success answers', (api: ApiName) => {
  it('answers the valid base request with the documented success, and a fresh id each time', async () => {
    const spec = fixture.specs.get(api) as LoadedSpec;
    const base = fixture.tables.get(api)?.base as RequestDocument;
    fixture.mock.reset();
    const first = await send(fixture.mock.url, spec, base, { sigv4: TEST_CONFIG.auth.sigv4 });
    expectDocumentedSuccess(spec, first);
    if (api === 'orchestration-stacks') return; // the same stack name twice is a conflict, not a second stack
    const second = await send(fixture.mock.url, spec, base, { sigv4: TEST_CONFIG.auth.sigv4 });
    expectDocumentedSuccess(spec, second);
    expect(fixture.mock.state[api]!.createdCount).toBe(2);
  });

  const spec = () => fixture.specs.get(api) as LoadedSpec;
  it("answers each of the document's valid example requests with the documented success", async () => {
    const valid = specExamples(spec()).filter((example) => example.location === 'request-body' && !expectedExampleFailures(spec()).has(example.name));
    const base = fixture.tables.get(api)?.base as RequestDocument;
    for (const example of valid) {
      // The example names its own flavors, datastores, images…: a target that has them.
      const request = { ...base, body: example.value };
      const world = worldHolding(spec().requirements, request, fixture.tables.get(api)?.world ?? {});
      const mock = await startMock({ config: TEST_CONFIG, worlds: { [api]: world } });
      try {
        expectDocumentedSuccess(spec(), await send(mock.url, spec(), request, { sigv4: TEST_CONFIG.auth.sigv4 }));
      } finally {
        await mock.close();
      }
    }
    const invalid = specExamples(spec()).filter((example) => example.location === 'request-body' && expectedExampleFailures(spec()).has(example.name));
    expect(valid.length + invalid.length).toBeGreaterThan(0);
  });
});
