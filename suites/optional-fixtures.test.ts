// What the optional fixtures make testable, and what their absence leaves "not run": each
// requirement that needs a fact about the target runs both ways when the config gives it (the
// embedded mock's defaults do), and otherwise is not run with the key to set, nothing invented.
import { fixturesFor } from './support/api-fixtures.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../apis/config.ts';
import type { Fixtures } from './support/api-fixtures.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { planApi, type ApiPlan } from '../generators/case-planner.ts';
import { createJudge } from '../generators/case-oracle.ts';

type ComputeFixtures = Fixtures['compute-servers'];

const compute = await loadSpec('compute-servers');
const lbaas = await loadSpec('lbaas-healthmonitors');

/** Each new optional compute fixture and the requirements that run both ways only with it. */
const NEEDS: [keyof ComputeFixtures, string[]][] = [
  ['nonActiveImageRef', ['compute-servers/image-active']],
  ['smallFlavorRef', ['compute-servers/flavor-fits-image']],
  ['portInUseId', ['compute-servers/port-not-in-use']],
  ['attachedVolumeId', ['compute-servers/bdm-v2-volume-not-attached']],
  ['volumeInOtherZoneId', ['compute-servers/volume-same-availability-zone']],
  ['metadataItemsQuota', ['compute-servers/metadata-items-within-quota']],
];

/** A config as a file would give it, read through loadConfig: only the compute fixtures written here count as given. */
function configGiving(fixtures: ComputeFixtures): ConformanceConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'optional-fixtures-'));
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ target: 'http://127.0.0.1:9', auth: { token: 'live-token' }, fixtures: { 'compute-servers': fixtures } }));
  return loadConfig(file, {});
}

const REQUIRED_ONLY: ComputeFixtures = {
  projectId: 'fd57c99ad0d7491fa496a3ac9a44eb7c',
  flavorRef: 'm1.small',
  imageRef: 'a3bf7a3d-f842-4bb7-b005-cbe8e42fc843',
  networkId: '0f4e3b9a-6c1d-4e2f-8a7b-9c0d1e2f3a4b',
  availabilityZone: 'az1',
};

const plan = (config: ConformanceConfig, runs = 20): ApiPlan => planApi(compute, config, { seed: 1, runs });
const reasonOf = (planned: ApiPlan, id: string): string | undefined => planned.notRunnable.find((item) => item.requirementId === id)?.reason;
const casesOf = (planned: ApiPlan, id: string, polarity: 'positive' | 'negative') =>
  planned.cases.filter((testCase) => testCase.requirementId === id && testCase.polarity === polarity);

describe('a live config without the new compute fixtures', () => {
  const config = configGiving(REQUIRED_ONLY);
  const planned = plan(config);

  it.each(NEEDS)('does not run what needs %s, and names the key to set', (key, ids) => {
    for (const id of ids) {
      expect(casesOf(planned, id, 'negative'), id).toEqual([]);
      expect(reasonOf(planned, id), id).toContain(`fixtures.compute-servers.${key}`);
    }
  });

  it('plans no valid case with a port, and names portId for the port rules that need one', () => {
    const positives = planned.cases.filter((testCase) => testCase.polarity === 'positive');
    expect(JSON.stringify(positives.map((testCase) => testCase.request))).not.toMatch(/"port":/);
    expect(reasonOf(planned, 'compute-servers/port-single-instance')).toContain('fixtures.compute-servers.portId');
  });

  it("sends none of the embedded mock's compute fixtures", () => {
    const sent = JSON.stringify(planned.cases.map((testCase) => [testCase.request, testCase.setup ?? []]));
    const mockOnly = Object.entries(fixturesFor(DEFAULT_CONFIG, 'compute-servers'))
      .filter(([key]) => !(key in REQUIRED_ONLY))
      .map(([, value]) => String(value));
    expect(mockOnly.filter((value) => value.length > 4 && sent.includes(value))).toEqual([]);
  });

  it('sends at most one metadata item in a valid case (Execution Example 2 sends one): the quota is unknown', () => {
    const sizes = planned.cases
      .filter((testCase) => testCase.polarity === 'positive')
      .map((testCase) => Object.keys((testCase.request.body as { server: { metadata?: object } }).server.metadata ?? {}).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('a live config with the new compute fixtures', () => {
  const fixtures: ComputeFixtures = {
    ...REQUIRED_ONLY,
    nonActiveImageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6',
    smallFlavorRef: 'm1.nano',
    portId: '6a5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c',
    portInUseId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    volumeId: '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098',
    attachedVolumeId: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    volumeInOtherZoneId: '5f4e3d2c-1b0a-4987-b6a5-f4e3d2c1b0a9',
    metadataItemsQuota: 16,
  };
  const planned = plan(configGiving(fixtures), 50);
  const judge = createJudge(compute, worldFromFixtures('compute-servers', configGiving(fixtures)));

  it.each(NEEDS)('plans a negative case with %s, breaking its requirement and nothing else', (_key, ids) => {
    for (const id of ids) {
      const negatives = casesOf(planned, id, 'negative');
      expect(negatives.length, id).toBeGreaterThan(0);
      for (const testCase of negatives) expect(judge(testCase.request).broken, testCase.id).toEqual([id]);
    }
  });

  it('sends two swap devices, and the free port for two servers, each breaking only its rule', () => {
    for (const id of ['compute-servers/bdm-v2-single-swap', 'compute-servers/port-single-instance']) {
      const negatives = casesOf(planned, id, 'negative');
      expect(negatives.length, id).toBeGreaterThan(0);
      for (const testCase of negatives) expect(judge(testCase.request).broken, testCase.id).toEqual([id]);
    }
  });

  it('gives the free port and the free volume to one valid case each, after every case that needs them free', () => {
    const positives = planned.cases.filter((testCase) => testCase.polarity === 'positive');
    const naming = (id: string) => positives.filter((testCase) => JSON.stringify(testCase.request.body).includes(id));
    expect(naming(fixtures.portId as string).map((testCase) => testCase.requirementId)).toEqual(['compute-servers/port-not-in-use']);
    expect(naming(fixtures.volumeId as string).map((testCase) => testCase.requirementId)).toEqual(['compute-servers/volume-same-availability-zone']);
    const lastBoundary = planned.cases.filter((testCase) => testCase.origin !== 'random').at(-1);
    expect([...naming(fixtures.portId as string), ...naming(fixtures.volumeId as string)].map((testCase) => testCase.id)).toContain(lastBoundary?.id);
  });

  it("sends the port alone in its networks item, and the volume with its destination and the server's zone", () => {
    const [port] = casesOf(planned, 'compute-servers/port-not-in-use', 'positive');
    expect((port?.request.body as { server: { networks: unknown } }).server.networks).toEqual([{ port: fixtures.portId }]);
    const [volume] = casesOf(planned, 'compute-servers/volume-same-availability-zone', 'positive');
    const server = (volume?.request.body as { server: { availability_zone: string; block_device_mapping_v2: Record<string, unknown>[] } }).server;
    expect(server.availability_zone).toBe(fixtures.availabilityZone);
    expect(server.block_device_mapping_v2[0]).toMatchObject({ source_type: 'volume', destination_type: 'volume', uuid: fixtures.volumeId });
  });
});

describe('lbaas-healthmonitors: a monitor for another tenant', () => {
  const ID = 'lbaas-healthmonitors/tenant-id-own-unless-admin';
  const withCaller = (callerIsAdmin: boolean | undefined): ConformanceConfig => {
    const { callerIsAdmin: _omitted, ...rest } = fixturesFor(DEFAULT_CONFIG, 'lbaas-healthmonitors');
    return {
      ...DEFAULT_CONFIG,
      fixtures: { ...DEFAULT_CONFIG.fixtures, 'lbaas-healthmonitors': callerIsAdmin === undefined ? rest : { ...rest, callerIsAdmin } },
    };
  };
  const planOf = (callerIsAdmin: boolean | undefined) => planApi(lbaas, withCaller(callerIsAdmin), { seed: 1, runs: 0 });

  it('is refused to a caller who is no administrator', () => {
    // From the base and from each other valid request (another monitor type…): negatives only.
    const polarities = planOf(false)
      .cases.filter((testCase) => testCase.requirementId === ID)
      .map((testCase) => testCase.polarity);
    expect(polarities.length).toBeGreaterThan(0);
    expect(new Set(polarities)).toEqual(new Set(['negative']));
  });

  it('is sent as a valid request by an administrator', () => {
    const cases = planOf(true).cases.filter((testCase) => testCase.requirementId === ID);
    expect(cases.map((testCase) => testCase.polarity)).toEqual(['positive']);
    expect((cases[0]?.request.body as { healthmonitor: { tenant_id: string } }).healthmonitor.tenant_id).not.toBe(
      fixturesFor(DEFAULT_CONFIG, 'lbaas-healthmonitors').tenantId,
    );
  });

  it('is not run when the config does not say whether the caller is an administrator, naming the key', () => {
    const planned = planOf(undefined);
    expect(planned.cases.filter((testCase) => testCase.requirementId === ID)).toEqual([]);
    expect(reasonOf(planned, ID)).toContain('fixtures.lbaas-healthmonitors.callerIsAdmin');
  });
});
