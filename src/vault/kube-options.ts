// The kubernetes auth options beyond the article, written as the plugin names them: alias_name_source,
// use_annotations_as_alias_metadata, bound_service_account_namespace_selector, audience.
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

/** `vault read identity/entity/id/ID`: the alias this mount gave the entity, which ACL templates read. */
export async function entityAlias(vault: VaultClient, entityId: string, accessor: string): Promise<EntityAlias> {
  const res = await vault.must<{ data?: { aliases?: Array<{ id: string; name: string; mount_accessor: string; metadata?: Record<string, string> | null }> } }>(
    'GET',
    `identity/entity/id/${entityId}`,
  );
  const alias = (res.json?.data?.aliases ?? []).find((a) => a.mount_accessor === accessor);
  return { entityId, aliasId: alias?.id ?? '', aliasName: alias?.name ?? '', metadata: alias?.metadata ?? {} };
}

/** The entity alias a successful login used: `auth.entity_id` of the answer, then the entity's alias on this mount. */
export function aliasOfLogin(vault: VaultClient, login: VaultResponse<LoginData>, accessor: string): Promise<EntityAlias> {
  const entityId = (login.json?.auth as { entity_id?: string } | undefined)?.entity_id ?? '';
  return entityAlias(vault, entityId, accessor);
}
