// Vault's Kubernetes auth method, call by call as the `vault` CLI makes them: enable a mount, write its config
// and roles, log in, read them back, disable it. Each call takes the client; VaultClient offers them as methods.
import { HttpError } from '../errors.js';
import { pickFields, type KubernetesConfigFields, type KubernetesRoleFields } from './fields.js';
import type { LoginData, VaultHandle, VaultResponse } from './response.js';

export interface KubernetesAuthConfig {
  /** URL of the API server as Vault reaches it. */
  kubernetesHost: string;
  /** PEM of the API server's CA. */
  kubernetesCaCert: string;
  /** The reviewer's JWT; leave out to make Vault use each client's own JWT as the bearer. */
  tokenReviewerJwt?: string;
  /** True (the default here): Vault never reads a local service-account token file (it runs outside the cluster). */
  disableLocalCaJwt?: boolean;
  /**
   * Copy the service account's annotations into the entity alias's metadata (the reviewer then reads the account).
   */
  useAnnotationsAsAliasMetadata?: boolean;
}

export interface KubernetesRole {
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces?: string[];
  /** A label selector in JSON or YAML, e.g. {"matchLabels":{"vault-access":"yes"}}. */
  namespaceSelector?: string;
  /** What names the entity alias: the account's UID (the default) or its namespace/name. */
  aliasNameSource?: 'serviceaccount_uid' | 'serviceaccount_name';
  audience?: string;
  policies?: string[];
  ttl?: string;
}

/**
 * `vault read sys/auth/MOUNT`: 200 with the mount's type and accessor, 400 when nothing is mounted there; 403 throws.
 */
export async function authMount(
  v: VaultHandle,
  mount: string,
): Promise<VaultResponse<{ data?: { accessor?: string; type?: string } }>> {
  const res = await v.request<{ data?: { accessor?: string; type?: string } }>('GET', `sys/auth/${mount}`);
  if (res.status === 403)
    throw new HttpError(
      'GET',
      res.url,
      res.status,
      res.text,
      `this Vault token may not read sys/auth/${mount}; a workshop's token reaches only the learner's own mounts ` +
        `(PREFIX-...)`,
    );
  return res;
}

/**
 * `vault auth enable -path=MOUNT TYPE`; an existing mount counts as done. It reads only this one mount
 * (GET sys/auth/MOUNT), so a token whose policy reaches only its own mounts can run it.
 */
export async function enableAuth(v: VaultHandle, mount: string, type: string): Promise<'enabled' | 'already enabled'> {
  if ((await authMount(v, mount)).status === 200) return 'already enabled';
  await v.must('POST', `sys/auth/${mount}`, { type }, 'run `vault auth list` to see what is mounted');
  return 'enabled';
}

/** `vault auth enable kubernetes`; already enabled counts as done, so setup cells can run twice. */
export function enableKubernetesAuth(v: VaultHandle, mount = v.mount): Promise<'enabled' | 'already enabled'> {
  return enableAuth(v, mount, 'kubernetes');
}

/**
 * `vault write auth/kubernetes/config kubernetes_host=... kubernetes_ca_cert=@ca.crt [token_reviewer_jwt=...]
 * [use_annotations_as_alias_metadata=...]`
 */
export function configureKubernetes(
  v: VaultHandle,
  config: KubernetesAuthConfig,
  mount = v.mount,
): Promise<VaultResponse> {
  return v.must('POST', `auth/${mount}/config`, {
    kubernetes_host: config.kubernetesHost,
    kubernetes_ca_cert: config.kubernetesCaCert,
    token_reviewer_jwt: config.tokenReviewerJwt ?? '',
    disable_local_ca_jwt: config.disableLocalCaJwt ?? true,
    use_annotations_as_alias_metadata: config.useAnnotationsAsAliasMetadata ?? false,
  });
}

/** `vault read auth/kubernetes/config`, typed, so a notebook reads the fields without a cast. */
export async function kubernetesConfig(v: VaultHandle, mount = v.mount): Promise<KubernetesConfigFields> {
  const data = (await v.must<{ data?: KubernetesConfigFields }>('GET', `auth/${mount}/config`)).json?.data;
  const keys = ['kubernetes_host', 'kubernetes_ca_cert', 'disable_local_ca_jwt', 'token_reviewer_jwt_set'] as const;
  return { ...pickFields(data, keys), kubernetes_ca_cert: data?.kubernetes_ca_cert?.trim() ?? '' };
}

/**
 * `vault write auth/kubernetes/role/NAME bound_service_account_names=... bound_service_account_namespaces=...`
 * with every option the lab uses. Each is written, its default when not given, so rewriting a role resets it.
 */
export function writeRole(v: VaultHandle, name: string, role: KubernetesRole, mount = v.mount): Promise<VaultResponse> {
  return v.must('POST', `auth/${mount}/role/${name}`, {
    bound_service_account_names: role.boundServiceAccountNames,
    bound_service_account_namespaces: role.boundServiceAccountNamespaces ?? [],
    bound_service_account_namespace_selector: role.namespaceSelector ?? '',
    alias_name_source: role.aliasNameSource ?? 'serviceaccount_uid',
    audience: role.audience ?? '',
    token_policies: role.policies ?? ['default'],
    token_ttl: role.ttl ?? '10m',
  });
}

/** `vault read auth/kubernetes/role/NAME`, typed: who may log in, the policies and the TTL. */
export async function role(v: VaultHandle, name: string, mount = v.mount): Promise<KubernetesRoleFields> {
  const data = (await v.must<{ data?: KubernetesRoleFields }>('GET', `auth/${mount}/role/${name}`)).json?.data;
  const keys = [
    'bound_service_account_names',
    'bound_service_account_namespaces',
    'token_policies',
    'token_ttl',
  ] as const;
  return pickFields(data, keys);
}

/** `vault write auth/kubernetes/login role=NAME jwt=...`: sent without a Vault token, as an application would. */
export function login(
  v: VaultHandle,
  roleName: string,
  jwt: string,
  mount = v.mount,
): Promise<VaultResponse<LoginData>> {
  return v.request<LoginData>('POST', `auth/${mount}/login`, { role: roleName, jwt }, { token: null });
}

/**
 * `vault auth disable PATH`: removes the mount with its config, roles and the plugin instance (and so its
 * open connections to the API server). A missing mount counts as done.
 */
export async function disableAuth(v: VaultHandle, mount: string): Promise<'disabled'> {
  await v.must('DELETE', `sys/auth/${mount}`);
  return 'disabled';
}

/** `vault auth list`: the mount's accessor, which also names the plugin's logger in the server log. */
export async function authAccessor(v: VaultHandle, mount = v.mount): Promise<string> {
  const res = await authMount(v, mount);
  const accessor = res.json?.data?.accessor;
  if (!accessor)
    throw new HttpError(
      'GET',
      res.url,
      res.status,
      `no auth method is mounted at ${mount}/`,
      `run \`vault auth enable -path=${mount} kubernetes\``,
    );
  return accessor;
}
