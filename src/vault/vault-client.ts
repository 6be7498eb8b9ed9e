// The lab's Vault client: each call is one `vault` CLI command, and every answer is returned as it came
// (status, body, errors) so the notebooks can show exactly what Vault said. It is composed: each concern is a
// file of calls that take the client (kubernetes-auth.ts, jwt-auth.ts, identity.ts, audit-device.ts), and each
// method here is one of those calls.
import { HttpError } from '../errors.js';
import { request } from '../http.js';
import { bound } from '../methods.js';
import * as auditDevice from './audit-device.js';
import { pickFields, type TokenLookupFields } from './fields.js';
import * as identity from './identity.js';
import * as jwtAuth from './jwt-auth.js';
import * as kubernetesAuth from './kubernetes-auth.js';
import type { VaultHandle, VaultResponse } from './response.js';

export type { KubernetesAuthConfig, KubernetesRole } from './kubernetes-auth.js';
export type { LoginData, VaultResponse } from './response.js';

export interface VaultDefaults {
  /**
   * The Kubernetes auth mount the methods use when none is named: `kubernetes`, or the learner's `PREFIX-kubernetes`.
   */
  mount?: string;
  /** False on a shared Vault: enabling an audit device needs `sudo` on sys/audit, which a learner's token lacks. */
  audit?: boolean;
}

export class VaultClient implements VaultHandle {
  readonly mount: string;
  readonly audit: boolean;

  constructor(
    readonly addr: string,
    private readonly token?: string,
    defaults: VaultDefaults = {},
  ) {
    this.mount = defaults.mount ?? 'kubernetes';
    this.audit = defaults.audit ?? true;
  }

  /** One HTTP call; 4xx/5xx answers are returned, not thrown, because refusals are what the lab shows. */
  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts: { token?: string | null; timeoutMs?: number } = {},
  ): Promise<VaultResponse<T>> {
    const url = `${this.addr}/v1/${path.replace(/^\/+/, '')}`;
    const headers: Record<string, string> = {};
    const token = opts.token === null ? undefined : (opts.token ?? this.token);
    if (token) headers['X-Vault-Token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await request(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: opts.timeoutMs ?? 30_000,
      fix:
        'check that Vault runs (npm run lab -- status) and read .lab/logs/vault.log; start the lab with npm run ' +
        'lab -- up',
    });
    const json = res.json as T | undefined;
    const { errors = [], warnings = [] } = (json ?? {}) as { errors?: string[]; warnings?: string[] };
    return { method, url: res.url, status: res.status, errors, warnings, json, text: res.text };
  }

  /** `vault status`: GET /v1/sys/health, which answers 200 once Vault is initialised and unsealed. */
  health(timeoutMs = 3000): Promise<VaultResponse> {
    return this.request('GET', 'sys/health', undefined, { token: null, timeoutMs });
  }

  /** Like request(), but a non-2xx answer throws an HttpError naming the `vault` command to check. */
  async must<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    fix = 'check the Vault log (.lab/logs/vault.log)',
  ): Promise<VaultResponse<T>> {
    const res = await this.request<T>(method, path, body);
    if (res.status >= 300) throw new HttpError(method, res.url, res.status, res.text, fix);
    return res;
  }

  /** `VAULT_TOKEN=TOKEN vault token lookup`: shows the metadata Vault attached at login. */
  async tokenLookup(token: string): Promise<TokenLookupFields> {
    const res = await this.request<{ data?: TokenLookupFields }>('GET', 'auth/token/lookup-self', undefined, { token });
    if (res.status >= 300) throw new HttpError('GET', res.url, res.status, res.text, 'log in again for a fresh token');
    return pickFields(res.json?.data, ['display_name', 'path', 'policies', 'ttl', 'meta']);
  }

  // Auth mounts and the Kubernetes auth method (kubernetes-auth.ts)
  readonly authMount = bound(this, kubernetesAuth.authMount);
  readonly enableAuth = bound(this, kubernetesAuth.enableAuth);
  readonly enableKubernetesAuth = bound(this, kubernetesAuth.enableKubernetesAuth);
  readonly configureKubernetes = bound(this, kubernetesAuth.configureKubernetes);
  readonly kubernetesConfig = bound(this, kubernetesAuth.kubernetesConfig);
  readonly writeRole = bound(this, kubernetesAuth.writeRole);
  readonly role = bound(this, kubernetesAuth.role);
  readonly login = bound(this, kubernetesAuth.login);
  readonly disableAuth = bound(this, kubernetesAuth.disableAuth);
  readonly authAccessor = bound(this, kubernetesAuth.authAccessor);
  // The jwt auth method (jwt-auth.ts)
  readonly configureJwtAuth = bound(this, jwtAuth.configureJwtAuth);
  readonly writeJwtRole = bound(this, jwtAuth.writeJwtRole);
  // Identity (identity.ts)
  readonly entityAlias = bound(this, identity.entityAlias);
  readonly aliasOfLogin = bound(this, identity.aliasOfLogin);
  // The file audit device (audit-device.ts)
  readonly enableFileAudit = bound(this, auditDevice.enableFileAudit);
  readonly auditHash = bound(this, auditDevice.auditHash);
}
