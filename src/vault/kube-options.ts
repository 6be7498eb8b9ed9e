// The kubernetes auth options beyond the article, written as the plugin names them: alias_name_source,
// use_annotations_as_alias_metadata, bound_service_account_namespace_selector, audience.
import { HttpError } from '../errors.js';
import type { KubernetesAuthConfig, LoginData, VaultClient, VaultResponse } from './client.js';

export interface RoleOptions {
  names: string[];
  namespaces?: string[];
  /** A label selector in JSON or YAML, e.g. {"matchLabels":{"vault-access":"yes"}}. */
  namespaceSelector?: string;
  aliasNameSource?: 'serviceaccount_uid' | 'serviceaccount_name';
  audience?: string;
}

/** `vault write auth/MOUNT/config ... use_annotations_as_alias_metadata=BOOL` */
export function configureKubernetesWith(vault: VaultClient, mount: string, config: KubernetesAuthConfig, useAnnotations = false): Promise<VaultResponse> {
  return vault.must('POST', `auth/${mount}/config`, {
    kubernetes_host: config.kubernetesHost,
    kubernetes_ca_cert: config.kubernetesCaCert,
    token_reviewer_jwt: config.tokenReviewerJwt ?? '',
    disable_local_ca_jwt: config.disableLocalCaJwt ?? true,
    use_annotations_as_alias_metadata: useAnnotations,
  });
}

/** `vault write auth/MOUNT/role/NAME bound_service_account_names=... [alias_name_source=...] [...]`; returns Vault's warnings too. */
export function writeRoleWith(vault: VaultClient, mount: string, name: string, role: RoleOptions): Promise<VaultResponse> {
  return vault.must('POST', `auth/${mount}/role/${name}`, {
    bound_service_account_names: role.names,
    bound_service_account_namespaces: role.namespaces ?? [],
    bound_service_account_namespace_selector: role.namespaceSelector ?? '',
    alias_name_source: role.aliasNameSource ?? 'serviceaccount_uid',
    audience: role.audience ?? '',
    token_policies: ['default'],
    token_ttl: '10m',
  });
}

export interface EntityAlias {
  entityId: string;
  aliasId: string;
  aliasName: string;
  metadata: Record<string, string>;
}

type EntityData = { data?: { aliases?: Array<{ id: string; name: string; mount_accessor: string; metadata?: Record<string, string> | null }> } };

/**
 * `vault read identity/entity/id/ID`: the alias this mount gave the entity, which ACL templates read. With
 * `token`, it reads as that token: a login's own token may read its own entity through the `default` policy.
 */
export async function entityAlias(vault: VaultClient, entityId: string, accessor: string, token?: string): Promise<EntityAlias> {
  const res = await vault.request<EntityData>('GET', `identity/entity/id/${entityId}`, undefined, { token });
  if (res.status !== 200) throw new HttpError('GET', res.url, res.status, res.text, 'read the entity with a token that may (the login\'s own, or one with read on identity/entity/id/*)');
  const alias = (res.json?.data?.aliases ?? []).find((a) => a.mount_accessor === accessor);
  return { entityId, aliasId: alias?.id ?? '', aliasName: alias?.name ?? '', metadata: alias?.metadata ?? {} };
}

/**
 * The entity alias a successful login used: `auth.entity_id` of the answer, then the entity's alias on this
 * mount, read with the login's own token (so a workshop learner needs no right on other people's entities).
 */
export function aliasOfLogin(vault: VaultClient, login: VaultResponse<LoginData>, accessor: string): Promise<EntityAlias> {
  const auth = login.json?.auth as { entity_id?: string; client_token?: string } | undefined;
  return entityAlias(vault, auth?.entity_id ?? '', accessor, auth?.client_token);
}
