import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../apis/config.ts';
import type { Fixtures } from './api-fixtures.ts';
import type { ConformanceConfig } from '../../engine/config/config-model.ts';
import type { OracleName, RunningOracle } from './oracle-server.ts';

/**
 * The suite's config for each oracle of ../shared/oracles, built from the oracle's URL and its
 * `GET /_oracle/fixtures`, and read through `loadConfig` (so apis/config.schema.json checks
 * it, and the defaults are filled exactly as for a config file).
 */

/** The token of Nova's and Heat's fixed-token Keystone stand-in (member of the oracle project). */
export const ORACLE_MEMBER_TOKEN = 'oracle-member-token';

/** The flavor the valid requests use: m1.tiny (512 MB), enough for the image below. */
const COMPUTE_FLAVOR = '1';

function at(value: unknown, ...keys: string[]): unknown {
  let here = value;
  for (const key of keys) {
    if (typeof here !== 'object' || here === null || !(key in here))
      throw new Error(`the oracle's fixtures have no ${keys.join('.')}: ${JSON.stringify(value).slice(0, 500)}`);
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

function stringAt(value: unknown, ...keys: string[]): string {
  const found = at(value, ...keys);
  if (typeof found !== 'string' || found === '') throw new Error(`the oracle's fixture ${keys.join('.')} is not a non-empty string: ${JSON.stringify(found)}`);
  return found;
}

/** The image any flavor can boot: active, with no minimum RAM. */
function bootableImage(fixtures: unknown): string {
  const images = at(fixtures, 'images');
  if (typeof images !== 'object' || images === null) throw new Error(`the oracle's fixture images is not an object: ${JSON.stringify(images)}`);
  const found = Object.entries(images as Record<string, { status?: unknown; min_ram?: unknown }>).find(
    ([, image]) => image.status === 'active' && image.min_ram === 0,
  );
  if (!found) throw new Error(`the oracle has no active image with min_ram 0: ${JSON.stringify(images)}`);
  return found[0];
}

/** One entry per oracle: how its fixtures (`GET /_oracle/fixtures`) become the config's. */
export const ORACLE_FIXTURES: { [K in OracleName]: (oracleFixtures: unknown) => Fixtures[K] } = {
  'compute-servers': (oracle) => ({
    projectId: stringAt(oracle, 'project_id'),
    flavorRef: COMPUTE_FLAVOR,
    imageRef: bootableImage(oracle),
    keyName: stringAt(oracle, 'key_name'), // "oracle-key", a key pair of each token's user
    availabilityZone: stringAt(oracle, 'availability_zone'), // "nova", the only zone
    // networkId: not set. Neutron is not consulted there (any id is accepted).
    // instanceQuota: not set. The oracle does not count instances, so "quota exceeded" cannot happen there.
  }),
  'orchestration-stacks': (oracle) => ({ tenantId: stringAt(oracle, 'project_id') }),
  'lbaas-healthmonitors': (oracle) => ({
    tenantId: stringAt(oracle, 'project_id'),
    poolId: stringAt(oracle, 'pools', 'active_http'),
    busyPoolId: stringAt(oracle, 'pools', 'on_pending_update_lb'),
    callerIsAdmin: true, // Octavia runs with noauth there: every caller is an administrator
  }),
};

/** What the config file for one oracle says (only that API, its target, its token and fixtures). */
export function oracleConfigFile(name: OracleName, url: string, oracleFixtures: unknown): Record<string, unknown> {
  return {
    apis: { [name]: { target: url } },
    // Octavia runs with noauth and ignores the token; the member token is harmless there.
    auth: { token: ORACLE_MEMBER_TOKEN },
    fixtures: { [name]: ORACLE_FIXTURES[name](oracleFixtures) },
  };
}

/**
 * The config for a run against one oracle, read through `loadConfig` from a temporary file.
 * The environment is not consulted (a CONFORMANCE_AUTH_TOKEN of the shell must not replace the
 * oracle's token).
 */
export function oracleConfig(name: OracleName, url: string, oracleFixtures: unknown): ConformanceConfig {
  const dir = mkdtempSync(path.join(tmpdir(), `oracle-config-${name}-`));
  try {
    const file = path.join(dir, 'config.json');
    writeFileSync(file, `${JSON.stringify(oracleConfigFile(name, url, oracleFixtures), null, 2)}\n`);
    return loadConfig(file, {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The config for a running oracle. */
export function configForOracle(oracle: RunningOracle): ConformanceConfig {
  return oracleConfig(oracle.name, oracle.url, oracle.fixtures);
}
