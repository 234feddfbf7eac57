import type { ApiName } from '../api-name.ts';
import type { SigV4Credentials } from '../sigv4/sigv4-credentials.ts';
import type { KeystoneCredentials } from './openstack-credentials.ts';

/** One API's fixtures: what exists on the target (the API folder's fixtures.schema.json gives its shape). */
export type FixtureSet = Readonly<Record<string, unknown>>;

/** The config file (README.md, "Config file and default fixtures"), with the defaults filled in. */
export interface ConformanceConfig {
  target?: string;
  apis: Partial<Record<ApiName, { target?: string; headers?: Record<string, string> }>>;
  auth: { token: string; sigv4: SigV4Credentials; keystone?: KeystoneCredentials };
  /** Per registered API, its fixtures (the embedded mock's defaults where the file gives none). */
  fixtures: Record<ApiName, FixtureSet>;
  /**
   * What the file or the environment gave, as opposed to the embedded mock's defaults: against
   * a live target only these may be sent (apis/live-config.ts). Absent: everything was given.
   */
  given?: { token: boolean; sigv4: boolean; fixtures: ApiName[] };
}

/** Secrets may come from the environment instead of the file; the environment wins. */
export const SECRET_ENVIRONMENT = {
  token: 'CONFORMANCE_AUTH_TOKEN',
  accessKeyId: 'CONFORMANCE_SIGV4_ACCESS_KEY_ID',
  secretAccessKey: 'CONFORMANCE_SIGV4_SECRET_ACCESS_KEY',
} as const;
