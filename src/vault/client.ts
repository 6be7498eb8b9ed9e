// A small client for Vault's HTTP API: each call is one `vault` CLI command, and every answer is
// returned as it came (status, body, errors) so the notebooks can show exactly what Vault said.
import { HttpError } from '../errors.js';
import { request } from '../http.js';
import { pickFields, type KubernetesConfigFields, type KubernetesRoleFields, type TokenLookupFields } from './fields.js';

export interface VaultResponse<T = Record<string, unknown>> {
  method: string;
  url: string;
  status: number;
  /** Vault's `errors` array: on a refused login this is all Vault tells the client. */
  errors: string[];
  /** Vault's `warnings` array: advice on a write that succeeded (a role without an audience, say). */
  warnings: string[];
  json: T | undefined;
  text: string;
}

export interface KubernetesAuthConfig {
  /** URL of the API server as Vault reaches it. */
  kubernetesHost: string;
  /** PEM of the API server's CA. */
  kubernetesCaCert: string;
  /** The reviewer's JWT; leave out to make Vault use each client's own JWT as the bearer. */
  tokenReviewerJwt?: string;
  /** True: Vault never reads a local service-account token file (it runs outside the cluster). */
  disableLocalCaJwt?: boolean;
}

export interface KubernetesRole {
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces: string[];
  policies?: string[];
  audience?: string;
  ttl?: string;
}

export interface LoginData {
  auth?: {
    client_token: string;
    accessor: string;
    policies: string[];
    metadata: Record<string, string>;
    lease_duration: number;
  };
}

export interface VaultDefaults {
  /** The Kubernetes auth mount the methods use when none is named: `kubernetes`, or the learner's `PREFIX-kubernetes`. */
  mount?: string;
  /** False on a shared Vault: enabling an audit device needs `sudo` on sys/audit, which a learner's token lacks. */
  audit?: boolean;
}

export class VaultClient {
  /** The default auth mount of every method below that takes one. */
  readonly mount: string;
  private readonly audit: boolean;

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
      fix: 'check that Vault runs (npm run lab -- status) and read .lab/logs/vault.log; start the lab with npm run lab -- up',
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
  async must<T = Record<string, unknown>>(method: string, path: string, body?: unknown, fix = 'check the Vault log (.lab/logs/vault.log)'): Promise<VaultResponse<T>> {
    const res = await this.request<T>(method, path, body);
    if (res.status >= 300) throw new HttpError(method, res.url, res.status, res.text, fix);
    return res;
  }

  /** `vault auth enable kubernetes`; already enabled counts as done, so setup cells can run twice. */
  async enableKubernetesAuth(mount = this.mount): Promise<'enabled' | 'already enabled'> {
    return this.enableAuth(mount, 'kubernetes');
  }

  /**
   * `vault auth enable -path=MOUNT TYPE`; an existing mount counts as done. It reads only this one mount
   * (GET sys/auth/MOUNT), so a token whose policy reaches only its own mounts can run it.
   */
  async enableAuth(mount: string, type: string): Promise<'enabled' | 'already enabled'> {
    if ((await this.authMount(mount)).status === 200) return 'already enabled';
    await this.must('POST', `sys/auth/${mount}`, { type }, 'run `vault auth list` to see what is mounted');
    return 'enabled';
  }

  /** `vault read sys/auth/MOUNT`: 200 with the mount's type and accessor, 400 when nothing is mounted there; 403 throws. */
  async authMount(mount: string): Promise<VaultResponse<{ data?: { accessor?: string; type?: string } }>> {
    const res = await this.request<{ data?: { accessor?: string; type?: string } }>('GET', `sys/auth/${mount}`);
    if (res.status === 403) throw new HttpError('GET', res.url, res.status, res.text, `this Vault token may not read sys/auth/${mount}; a workshop's token reaches only the learner's own mounts (PREFIX-...)`);
    return res;
  }

  /** `vault write auth/kubernetes/config kubernetes_host=... kubernetes_ca_cert=@ca.crt [token_reviewer_jwt=...]` */
  async configureKubernetes(config: KubernetesAuthConfig, mount = this.mount): Promise<VaultResponse> {
    return this.must('POST', `auth/${mount}/config`, {
      kubernetes_host: config.kubernetesHost,
      kubernetes_ca_cert: config.kubernetesCaCert,
      token_reviewer_jwt: config.tokenReviewerJwt ?? '',
      disable_local_ca_jwt: config.disableLocalCaJwt ?? true,
    });
  }

  /** `vault read auth/kubernetes/config`, typed, so a notebook reads the fields without a cast. */
  async kubernetesConfig(mount = this.mount): Promise<KubernetesConfigFields> {
    const data = (await this.must<{ data?: KubernetesConfigFields }>('GET', `auth/${mount}/config`)).json?.data;
    const keys = ['kubernetes_host', 'kubernetes_ca_cert', 'disable_local_ca_jwt', 'token_reviewer_jwt_set'] as const;
    return { ...pickFields(data, keys), kubernetes_ca_cert: data?.kubernetes_ca_cert?.trim() ?? '' };
  }

  /** `vault write auth/kubernetes/role/NAME bound_service_account_names=... bound_service_account_namespaces=...` */
  async writeRole(name: string, role: KubernetesRole, mount = this.mount): Promise<VaultResponse> {
    return this.must('POST', `auth/${mount}/role/${name}`, {
      bound_service_account_names: role.boundServiceAccountNames,
      bound_service_account_namespaces: role.boundServiceAccountNamespaces,
      token_policies: role.policies ?? ['default'],
      ...(role.audience ? { audience: role.audience } : {}),
      token_ttl: role.ttl ?? '10m',
    });
  }

  /** `vault write auth/kubernetes/login role=NAME jwt=...`: sent without a Vault token, as an application would. */
  login(role: string, jwt: string, mount = this.mount): Promise<VaultResponse<LoginData>> {
    return this.request<LoginData>('POST', `auth/${mount}/login`, { role, jwt }, { token: null });
  }

  /** `vault audit enable file file_path=...`; the audit log records each login request and Vault's answer. */
  async enableFileAudit(filePath: string, mount = 'lab-file'): Promise<'enabled' | 'already enabled' | 'not on a shared Vault'> {
    if (!this.audit) return 'not on a shared Vault';
    const audits = await this.must<Record<string, unknown>>('GET', 'sys/audit');
    const data = (audits.json?.data ?? audits.json) as Record<string, unknown>;
    if (data && `${mount}/` in data) return 'already enabled';
    await this.must('PUT', `sys/audit/${mount}`, { type: 'file', options: { file_path: filePath, log_raw: 'false' } });
    return 'enabled';
  }

  /** `vault read auth/kubernetes/role/NAME`, typed: who may log in, the policies and the TTL. */
  async role(name: string, mount = this.mount): Promise<KubernetesRoleFields> {
    const data = (await this.must<{ data?: KubernetesRoleFields }>('GET', `auth/${mount}/role/${name}`)).json?.data;
    const keys = ['bound_service_account_names', 'bound_service_account_namespaces', 'token_policies', 'token_ttl'] as const;
    return pickFields(data, keys);
  }

  /**
   * `vault auth disable PATH`: removes the mount with its config, roles and the plugin instance (and so its
   * open connections to the API server). A missing mount counts as done.
   */
  async disableAuth(mount: string): Promise<'disabled'> {
    await this.must('DELETE', `sys/auth/${mount}`);
    return 'disabled';
  }

  /** `vault auth list`: the mount's accessor, which also names the plugin's logger in the server log. */
  async authAccessor(mount = this.mount): Promise<string> {
    const res = await this.authMount(mount);
    const accessor = res.json?.data?.accessor;
    if (!accessor) throw new HttpError('GET', res.url, res.status, `no auth method is mounted at ${mount}/`, `run \`vault auth enable -path=${mount} kubernetes\``);
    return accessor;
  }

  /** `vault write sys/audit-hash/DEVICE input=VALUE`: the HMAC the audit device writes for VALUE, to recognise it in the log. */
  async auditHash(input: string, device = 'lab-file'): Promise<string> {
    const res = await this.must<{ hash?: string; data?: { hash?: string } }>('POST', `sys/audit-hash/${device}`, { input });
    return res.json?.data?.hash ?? res.json?.hash ?? '';
  }

  /** `VAULT_TOKEN=TOKEN vault token lookup`: shows the metadata Vault attached at login. */
  async tokenLookup(token: string): Promise<TokenLookupFields> {
    const res = await this.request<{ data?: TokenLookupFields }>('GET', 'auth/token/lookup-self', undefined, { token });
    if (res.status >= 300) throw new HttpError('GET', res.url, res.status, res.text, 'log in again for a fresh token');
    return pickFields(res.json?.data, ['display_name', 'path', 'policies', 'ttl', 'meta']);
  }
}
