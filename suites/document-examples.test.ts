import { fixturesFor } from './support/api-fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import type { ApiName } from '../engine/api-name.ts';
import { DEFAULT_CONFIG } from '../apis/config.ts';
import type { Fixtures } from '../suites/support/api-fixtures.ts';
import type { ConformanceConfig, FixtureSet } from '../engine/config/config-model.ts';
import { requirementById, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { specExamples } from '../engine/spec/spec-examples.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { startMock, type Personality, type RunningMock } from '../mock/mock-server.ts';
import { send, successStatus } from './support/mock-client.ts';

/**
 * Client authors copy the documents' examples: the mock must accept every request example of
 * the five documents, given fixtures that name what the example names. The only exception is
 * an example that an erratum records as breaking an explicit rule the spec keeps (not one it
 * tolerates): the mock then refuses it, naming that rule.
 */
const EXAMPLE_WORLDS: Partial<Fixtures> = {
  'cloud-databases-ha': { version: 'v1.0', accountId: '1234', flavorRef: '2', datastore: { type: 'MYSQL', version: '5.6' } },
  'cloudbasic-cluster': {
    remoteServer: 'nn.nn.nn.nn',
    localServer: 'nn.nn.nn.nn',
    port: 4432,
    publicKey: 'XXXXXXXXFYBHXKDASETJ',
    privateKey: 'XXXXXXX+IgMDJSP9OwK5M0ujFhnd2yh4E3amiMLe',
  },
  'compute-servers': {
    ...fixturesFor(DEFAULT_CONFIG, 'compute-servers'),
    flavorRef: '1CPU-4GB',
    imageRef: 'a3bf7a3d-f842-4bb7-b005-cbe8e42fc843',
    keyName: 'mykey',
    availabilityZone: 'nova',
  },
};

const config: ConformanceConfig = { ...DEFAULT_CONFIG, fixtures: { ...DEFAULT_CONFIG.fixtures, ...(EXAMPLE_WORLDS as Record<string, FixtureSet>) } };
const specs = new Map<ApiName, LoadedSpec>(await Promise.all(API_NAMES.map(async (api) => [api, await loadSpec(api)] as const)));

/** The explicit requirements an example is recorded to break that no tolerance of that same erratum covers. */
function refusedFor(spec: LoadedSpec, exampleName: string): string[] {
  return spec.errata
    .filter((erratum) => erratum.example === exampleName)
    .flatMap((erratum) =>
      (erratum.breaks ?? []).filter((id) => {
        const requirement = requirementById(spec, id);
        return requirement?.level === 'explicit' && !(requirement.tolerated ?? []).some((tolerance) => tolerance.erratum === erratum.id);
      }),
    );
}

const examples = API_NAMES.flatMap((api) =>
  specExamples(specs.get(api) as LoadedSpec)
    .filter((example) => example.location === 'request-body')
    .map((example) => ({ api, name: example.name, body: example.value })),
);

describe.each(['strict', 'lenient'] as Personality[])("the %s mock and the documents' own request examples", (personality) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ config, personality });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('has request examples from every document', () => {
    expect(new Set(examples.map((example) => example.api))).toEqual(new Set(API_NAMES));
  });

  it.each(examples)('$api $name: accepted, or refused for the explicit rule its erratum names', async ({ api, name, body }) => {
    const spec = specs.get(api) as LoadedSpec;
    const request = { ...baseRequest(api, config), header: { 'x-auth-token': config.auth.token }, body: structuredClone(body) };
    mock.reset();
    const answer = await send(mock.url, spec, request, { sigv4: config.auth.sigv4 });
    const refused = refusedFor(spec, name);
    if (refused.length === 0) {
      expect(answer.status, answer.text).toBe(successStatus(spec));
    } else {
      expect(answer.status, answer.text).toBe(400);
      expect(refused).toContain(answer.headers['x-conformance-requirement']);
    }
  });
});
