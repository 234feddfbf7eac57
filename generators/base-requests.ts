import type { ApiName } from '../engine/api-catalogue.ts';
import type { ConformanceConfig, Fixtures } from '../engine/config.ts';
import type { RequestDocument } from '../engine/request-document.ts';

/**
 * A valid request per API, built from the config's fixtures (what exists on the target): the
 * body every case starts from. Credentials are applied when the request is sent, not here.
 */
const BASE_OF: { [A in ApiName]: (fixtures: Fixtures[A]) => Omit<RequestDocument, 'method' | 'header'> } = {
  'cloud-databases-ha': (f) => ({
    path: { version: f.version, accountId: f.accountId },
    body: {
      ha: {
        name: 'conformance-ha',
        datastore: { type: f.datastore.type, version: f.datastore.version },
        replica_source: [{ name: 'source', flavorRef: f.flavorRef, volume: { size: 1 } }],
        replicas: [{ name: 'replica-1', flavorRef: f.flavorRef, volume: { size: 1 } }],
        networks: ['servicenet'],
        acls: [{ address: '10.0.0.0/8' }],
      },
    },
  }),
  'lbaas-healthmonitors': (f) => ({
    path: {},
    body: { healthmonitor: { tenant_id: f.tenantId, type: 'HTTP', delay: 5, timeout: 4, max_retries: 3, pool_id: f.poolId } },
  }),
  'cloudbasic-cluster': (f) => ({
    path: {},
    body: { remoteServer: f.remoteServer, localServer: f.localServer, port: f.port, publicKey: f.publicKey, privateKey: f.privateKey },
  }),
  'compute-servers': (f) => ({
    path: { project_id: f.projectId },
    body: {
      server: {
        name: 'conformance-server',
        flavorRef: f.flavorRef,
        imageRef: f.imageRef,
        min_count: 1,
        max_count: 1,
        ...(f.networkId ? { networks: [{ uuid: f.networkId }] } : {}),
      },
    },
  }),
  'orchestration-stacks': (f) => ({
    path: { tenant_id: f.tenantId },
    body: {
      stack_name: 'conformance_stack',
      template: [
        'heat_template_version: "2013-05-23"',
        'parameters:',
        '  key_name:',
        '    type: string',
        '  flavor:',
        '    type: string',
        '    default: m1.small',
        'resources: {}',
        '',
      ].join('\n'),
      parameters: { key_name: 'conformance_key' },
      timeout_mins: 60,
      disable_rollback: true,
    },
  }),
};

export function baseRequest(api: ApiName, config: ConformanceConfig): RequestDocument {
  const base = (BASE_OF[api] as (fixtures: Fixtures[ApiName]) => Omit<RequestDocument, 'method' | 'header'>)(config.fixtures[api]);
  return { method: 'POST', header: {}, ...structuredClone(base) };
}
