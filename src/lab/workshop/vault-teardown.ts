// The Vault half of `workshop teardown`, from the host's record alone: the learners' own auth mounts (each
// under a recorded prefix, which no one else held when prepare ran) with the entities only they held, then
// the recorded tokens, policies and token role. A refusal is an error, never skipped.
import { HttpError } from '../../errors.js';
import type { VaultClient } from '../../vault/vault-client.js';
import { TOKEN_ROLE } from './plan.js';
import type { WorkshopRecord } from './host-record.js';
import { authMounts } from './vault-side.js';

type Listing = { data?: { keys?: string[] } };
type Entity = { data?: { aliases?: Array<{ mount_accessor: string }> } };

/** Entity ids whose every alias belongs to one of these mounts: made by a learner's login, and no one else's. */
async function learnerEntities(vault: VaultClient, accessors: ReadonlySet<string>): Promise<string[]> {
  const listing = await vault.request<Listing>('GET', 'identity/entity/id?list=true');
  if (listing.status === 404) return [];
  if (listing.status !== 200)
    throw new HttpError(
      'LIST',
      listing.url,
      listing.status,
      listing.text,
      'give the host token list on identity/entity/id',
    );
  const ids: string[] = [];
  for (const id of listing.json?.data?.keys ?? []) {
    const aliases = (await vault.must<Entity>('GET', `identity/entity/id/${id}`)).json?.data?.aliases ?? [];
    if (aliases.length > 0 && aliases.every((a) => accessors.has(a.mount_accessor))) ids.push(id);
  }
  return ids;
}

/**
 * `vault token revoke -accessor A`. Vault answers 400 for an accessor it no longer knows (the token expired
 * or was revoked already), which is done; anything else is thrown.
 */
async function revokeAccessor(vault: VaultClient, accessor: string): Promise<boolean> {
  const res = await vault.request('POST', 'auth/token/revoke-accessor', { accessor });
  if (res.status === 204 || res.status === 200) return true;
  if (res.status === 400 && /invalid accessor/i.test(res.text)) return false;
  throw new HttpError(
    'POST',
    res.url,
    res.status,
    res.text,
    'give the host token update on auth/token/revoke-accessor, then run teardown again',
  );
}

/** Removes the learners' mounts and entities, and the tokens, policies and token role the record names. */
export async function vaultTeardown(vault: VaultClient, record: WorkshopRecord): Promise<string[]> {
  const removed: string[] = [];
  const mounts = Object.entries(await authMounts(vault)).filter(([path]) =>
    record.learners.some((p) => path.startsWith(`${p}-`)),
  );
  const accessors = new Set(mounts.map(([, m]) => m.accessor ?? ''));
  for (const id of await learnerEntities(vault, accessors)) {
    await vault.must('DELETE', `identity/entity/id/${id}`);
    removed.push(`entity ${id}`);
  }
  for (const [path] of mounts) {
    await vault.must('DELETE', `sys/auth/${path.replace(/\/$/, '')}`);
    removed.push(`auth/${path}`);
  }
  for (const accessor of record.vault.accessors) {
    if (await revokeAccessor(vault, accessor)) removed.push(`token ${accessor}`);
  }
  for (const policy of record.vault.policies) {
    if ((await vault.request('GET', `sys/policies/acl/${policy}`)).status !== 200) continue;
    await vault.must('DELETE', `sys/policies/acl/${policy}`);
    removed.push(`policy ${policy}`);
  }
  if (record.vault.tokenRole && (await vault.request('GET', `auth/token/roles/${TOKEN_ROLE}`)).status === 200) {
    await vault.must('DELETE', `auth/token/roles/${TOKEN_ROLE}`);
    removed.push(`token role ${TOKEN_ROLE}`);
  }
  return removed;
}
