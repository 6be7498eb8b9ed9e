// The Vault half of a workshop: check the host's token first, then a token role, one policy and one
// token per learner; teardown removes exactly those, and the learners' own mounts and entities.
import { LabError } from '../../errors.js';
import type { VaultClient } from '../../vault/client.js';
import { POLICY_PREFIX, TOKEN_ROLE, vaultPolicy } from './plan.js';

/** What prepare and teardown do with the host's token, as (path, capability, why) for sys/capabilities-self. */
const NEEDS: Array<[string, string, string]> = [
  [`sys/policies/acl/${POLICY_PREFIX}x`, 'create', "to write each learner's policy"],
  [`sys/policies/acl/${POLICY_PREFIX}x`, 'delete', "to remove the learners' policies in teardown"],
  [`auth/token/roles/${TOKEN_ROLE}`, 'create', 'to make the token role that hands out learner policies'],
  [`auth/token/create/${TOKEN_ROLE}`, 'update', 'to create each learner\'s token'],
  ['auth/token/lookup-accessor', 'update', 'to tell whether a learner\'s token from an earlier prepare still works'],
  ['auth/token/revoke-accessor', 'update', "to revoke the learners' tokens in teardown"],
  ['sys/auth', 'read', "to find the learners' auth mounts in teardown"],
  ['sys/auth/x-kubernetes', 'sudo', "to remove the learners' auth mounts in teardown"],
];

/** Throws one line naming the first capability the host's token lacks, before anything is written. */
export async function checkHostToken(vault: VaultClient): Promise<void> {
  const paths = [...new Set(NEEDS.map(([path]) => path))];
  const res = await vault.request<Record<string, string[] | undefined>>('POST', 'sys/capabilities-self', { paths });
  if (res.status !== 200) throw new LabError(`Vault refused sys/capabilities-self (HTTP ${res.status}: ${res.errors.join('; ')}).`, 'export a VAULT_TOKEN that Vault accepts (vault token lookup)');
  for (const [path, capability, why] of NEEDS) {
    const caps = res.json?.[path] ?? [];
    if (!caps.includes('root') && !caps.includes(capability)) {
      throw new LabError(`The Vault token lacks "${capability}" on ${path}, which \`workshop prepare\` needs ${why}.`, `use a token whose policy grants it (vault token capabilities ${path})`);
    }
  }
}

/** The token role: orphan tokens (they outlive the host's token) that may carry only learner policies. */
export async function ensureTokenRole(vault: VaultClient, hours: number): Promise<void> {
  await vault.must('POST', `auth/token/roles/${TOKEN_ROLE}`, {
    allowed_policies_glob: [`${POLICY_PREFIX}*`],
    orphan: true,
    renewable: true,
    token_explicit_max_ttl: `${hours}h`,
  });
}

/** `vault policy write auth-delegator-lab-workshop-PREFIX`: idempotent, the same text each time. */
export async function writePolicy(vault: VaultClient, name: string, prefix: string): Promise<void> {
  await vault.must('PUT', `sys/policies/acl/${name}`, { policy: vaultPolicy(prefix) });
}

/** `vault token create -role=... -policy=...`: the learner's token and its accessor (kept in the roster). */
export async function mintToken(vault: VaultClient, policy: string, prefix: string, hours: number): Promise<{ token: string; accessor: string }> {
  const res = await vault.must<{ auth?: { client_token: string; accessor: string } }>('POST', `auth/token/create/${TOKEN_ROLE}`, {
    policies: [policy],
    ttl: `${hours}h`,
    display_name: `workshop-${prefix}`,
    meta: { workshop: 'auth-delegator-lab', learner: prefix },
  });
  if (!res.json?.auth) throw new LabError(`Vault created no token for ${prefix}.`, 'check the Vault log');
  return { token: res.json.auth.client_token, accessor: res.json.auth.accessor };
}

/** True while a token from an earlier prepare still works, so prepare run twice keeps it. */
export async function tokenAlive(vault: VaultClient, accessor: string): Promise<boolean> {
  return (await vault.request('POST', 'auth/token/lookup-accessor', { accessor })).status === 200;
}

type Listing = { data?: { keys?: string[] } };
const keys = async (vault: VaultClient, path: string) => (await vault.request<Listing>('GET', `${path}?list=true`)).json?.data?.keys ?? [];

/** The accessors of every token prepare made, found by the metadata it gave them. */
async function workshopTokens(vault: VaultClient): Promise<string[]> {
  const found: string[] = [];
  for (const accessor of await keys(vault, 'auth/token/accessors')) {
    const res = await vault.request<{ data?: { meta?: Record<string, string> | null } }>('POST', 'auth/token/lookup-accessor', { accessor });
    if (res.json?.data?.meta?.workshop === 'auth-delegator-lab') found.push(accessor);
  }
  return found;
}

/** Removes the learners' mounts (and the entities only they held), tokens, policies and the token role. */
export async function vaultTeardown(vault: VaultClient, prefixes: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  const mounts = (await vault.must<{ data?: Record<string, { accessor?: string }> }>('GET', 'sys/auth')).json?.data ?? {};
  const ours = Object.entries(mounts).filter(([path]) => prefixes.some((p) => path.startsWith(`${p}-`)));
  const accessors = new Set(ours.map(([, m]) => m.accessor));
  for (const id of await keys(vault, 'identity/entity/id')) {
    const entity = await vault.request<{ data?: { aliases?: Array<{ mount_accessor: string }> } }>('GET', `identity/entity/id/${id}`);
    const aliases = entity.json?.data?.aliases ?? [];
    if (aliases.length > 0 && aliases.every((a) => accessors.has(a.mount_accessor))) {
      await vault.must('DELETE', `identity/entity/id/${id}`);
      removed.push(`entity ${id}`);
    }
  }
  for (const [path] of ours) {
    await vault.must('DELETE', `sys/auth/${path.replace(/\/$/, '')}`);
    removed.push(`auth/${path}`);
  }
  for (const accessor of await workshopTokens(vault)) {
    await vault.must('POST', 'auth/token/revoke-accessor', { accessor });
    removed.push(`token ${accessor}`);
  }
  for (const policy of (await keys(vault, 'sys/policies/acl')).filter((p) => p.startsWith(POLICY_PREFIX))) {
    await vault.must('DELETE', `sys/policies/acl/${policy}`);
    removed.push(`policy ${policy}`);
  }
  if ((await vault.request('GET', `auth/token/roles/${TOKEN_ROLE}`)).status === 200) {
    await vault.must('DELETE', `auth/token/roles/${TOKEN_ROLE}`);
    removed.push(`token role ${TOKEN_ROLE}`);
  }
  return removed;
}
