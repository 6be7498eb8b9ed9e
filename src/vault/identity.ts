// Vault's identity for a login: the entity a login made or found, and the alias its mount gave it, which ACL
// templates read. Each call takes the client; VaultClient offers them as methods.
import { HttpError } from '../errors.js';
import type { LoginData, VaultHandle, VaultResponse } from './response.js';

export interface EntityAlias {
  entityId: string;
  aliasId: string;
  aliasName: string;
  metadata: Record<string, string>;
}

type EntityData = {
  data?: {
    aliases?: Array<{ id: string; name: string; mount_accessor: string; metadata?: Record<string, string> | null }>;
  };
};

/**
 * `vault read identity/entity/id/ID`: the alias this mount gave the entity. With `token`, it reads as that
 * token: a login's own token may read its own entity through the `default` policy.
 */
export async function entityAlias(
  v: VaultHandle,
  entityId: string,
  accessor: string,
  token?: string,
): Promise<EntityAlias> {
  const res = await v.request<EntityData>('GET', `identity/entity/id/${entityId}`, undefined, { token });
  if (res.status !== 200)
    throw new HttpError(
      'GET',
      res.url,
      res.status,
      res.text,
      "read the entity with a token that may (the login's own, or one with read on identity/entity/id/*)",
    );
  const alias = (res.json?.data?.aliases ?? []).find((a) => a.mount_accessor === accessor);
  return { entityId, aliasId: alias?.id ?? '', aliasName: alias?.name ?? '', metadata: alias?.metadata ?? {} };
}

/**
 * The entity alias a successful login used: `auth.entity_id` of the answer, then the entity's alias on this
 * mount, read with the login's own token (so a workshop learner needs no right on other people's entities).
 */
export function aliasOfLogin(v: VaultHandle, login: VaultResponse<LoginData>, accessor: string): Promise<EntityAlias> {
  const auth = login.json?.auth as { entity_id?: string; client_token?: string } | undefined;
  return entityAlias(v, auth?.entity_id ?? '', accessor, auth?.client_token);
}
