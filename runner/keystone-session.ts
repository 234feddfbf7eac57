import { apiDefinition } from '../apis/catalogue.ts';
import type { Dispatcher } from 'undici';
import type { ApiName } from '../engine/api-name.ts';
import { KeystoneError } from '../engine/errors.ts';
import type { KeystoneCredentials } from '../engine/config/openstack-credentials.ts';
import { exchange, type ExchangeLimits } from './http-exchange.ts';

type CatalogService = { type: string; endpoints: { interface: string; region_id?: string; region?: string; url: string }[] };

/** The identity part of a Keystone v3 token request: a password, or an application credential (already scoped). */
function authBody(credentials: KeystoneCredentials): unknown {
  if (credentials.applicationCredentialId) {
    return {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: credentials.applicationCredentialId, secret: credentials.applicationCredentialSecret },
        },
      },
    };
  }
  const domain = (id: string | undefined, name: string | undefined) => (id ? { id } : { name: name ?? 'Default' });
  const user = credentials.userId
    ? { id: credentials.userId, password: credentials.password }
    : { name: credentials.username, domain: domain(credentials.userDomainId, credentials.userDomainName), password: credentials.password };
  const project = credentials.projectId
    ? { id: credentials.projectId }
    : credentials.projectName
      ? { name: credentials.projectName, domain: domain(credentials.projectDomainId, credentials.projectDomainName) }
      : undefined;
  return { auth: { identity: { methods: ['password'], password: { user } }, ...(project ? { scope: { project } } : {}) } };
}

/** `https://keystone:5000` or `…/v3` → the token URL of Keystone v3. */
function tokensUrl(authUrl: string): URL {
  const base = authUrl.replace(/\/+$/, '');
  return new URL(`${/\/v3$/.test(base) ? base : `${base}/v3`}/auth/tokens`);
}

/**
 * A catalog URL made a base for the suite's paths: the version (and project) the spec's path
 * already carries is taken off its end, the service's path prefix kept
 * (`https://cloud/compute/v2.1` → `https://cloud/compute`; `…/heat-api/v1/<project>` → `…/heat-api`).
 */
export function baseOfCatalogUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(/\/+$/, '').replace(/\/v[0-9]+(\.[0-9]+)?(\/[^/]+)?$/, '');
  return parsed.toString().replace(/\/$/, '');
}

/**
 * A Keystone v3 session: a token and the service catalog, from credentials as the OpenStack
 * client takes them. The token is renewed before it expires and when a 401 says it has; each
 * token is kept for redaction.
 */
export class KeystoneSession {
  token = '';
  private expiresAt = 0;
  private issuedAt = 0;
  private catalog: CatalogService[] = [];
  readonly tokens: string[] = [];

  constructor(
    private readonly credentials: KeystoneCredentials,
    private readonly dispatcher: Dispatcher,
    private readonly limits: ExchangeLimits,
  ) {}

  async authenticate(): Promise<string> {
    const url = tokensUrl(this.credentials.authUrl);
    const outcome = await exchange(
      this.dispatcher,
      { method: 'POST', url, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(authBody(this.credentials)) },
      this.limits,
    );
    if ('error' in outcome)
      throw new KeystoneError(
        `Keystone at ${url.toString()} could not be reached: ${outcome.error}`,
        'Check auth_url (OS_AUTH_URL, clouds.yaml or auth.keystone.authUrl).',
      );
    const token = outcome.response.headers['x-subject-token'];
    if (outcome.response.status !== 201 || !token) {
      throw new KeystoneError(
        `Keystone at ${url.toString()} refused the credentials: ${outcome.response.status} ${outcome.response.bodyExcerpt.slice(0, 200)}`,
        'Check the user, password (or application credential), project and domains.',
      );
    }
    const body = outcome.response.json as { token?: { expires_at?: string; catalog?: CatalogService[] } } | undefined;
    this.token = token;
    this.tokens.push(token);
    this.issuedAt = Date.now();
    this.expiresAt = Date.parse(body?.token?.expires_at ?? '') || this.issuedAt + 3_600_000;
    this.catalog = body?.token?.catalog ?? [];
    return token;
  }

  /** The token, renewed first when it expires within the margin. */
  async freshToken(): Promise<string> {
    // Renewed a little before it expires: 30 s, or a quarter of a short lifetime.
    const margin = Math.min(30_000, (this.expiresAt - this.issuedAt) / 4);
    if (!this.token || Date.now() + margin >= this.expiresAt) await this.authenticate();
    return this.token;
  }

  /** The base URL of a service from the catalog, by interface (default public) and region. */
  endpoint(api: ApiName): string | undefined {
    const type = apiDefinition(api).keystoneServiceType;
    const service = this.catalog.find((candidate) => candidate.type === type);
    const wanted = (this.credentials.interface ?? 'public').replace(/URL$/, '');
    const endpoint = service?.endpoints.find(
      (candidate) =>
        candidate.interface === wanted &&
        (!this.credentials.regionName || candidate.region_id === this.credentials.regionName || candidate.region === this.credentials.regionName),
    );
    return endpoint ? baseOfCatalogUrl(endpoint.url) : undefined;
  }
}
