// The Vault half of `workshop prepare`: check the host's token first (for prepare's writes and for every
// capability teardown will need), then a token role, one policy and one token per learner, each name
// claimed through the record as on the cluster.
import { LabError } from '../../errors.js';
import type { VaultClient } from '../../vault/vault-client.js';
import type { Recorder } from './claim.js';
import { POLICY_PREFIX, TOKEN_ROLE } from './plan.js';
import { squatted } from './host-record.js';
import { vaultPolicy } from './vault-policy.js';

/** What prepare and teardown do with the host's token, as (path, capability, why) for sys/capabilities-self. */
const NEEDS: Array<[string, string, string]> = [
  [`sys/policies/acl/${POLICY_PREFIX}x`, 'read', "to tell whether a learner policy is already someone else's"],
  [`sys/policies/acl/${POLICY_PREFIX}x`, 'create', "to write each learner's policy"],
  [`sys/policies/acl/${POLICY_PREFIX}x`, 'delete', "to remove the learners' policies in teardown"],
  [`auth/token/roles/${TOKEN_ROLE}`, 'create', 'to make the token role that hands out learner policies'],
  [`auth/token/roles/${TOKEN_ROLE}`, 'delete', 'to remove the token role in teardown'],
  [`auth/token/create/${TOKEN_ROLE}`, 'update', "to create each learner's token"],
  ['auth/token/lookup-accessor', 'update', "to tell whether a learner's token from an earlier prepare still works"],
  ['auth/token/revoke-accessor', 'update', "to revoke the learners' tokens in teardown"],
  ['sys/auth', 'read', "to find the learners' auth mounts"],
  ['sys/auth/x-kubernetes', 'sudo', "to remove the learners' auth mounts in teardown"],
  ['sys/auth/x-kubernetes', 'delete', "to remove the learners' auth mounts in teardown"],
  ['identity/entity/id', 'list', "to find the entities the learners' logins made, in teardown"],
  ['identity/entity/id/x', 'read', "to find the entities the learners' logins made, in teardown"],
  ['identity/entity/id/x', 'delete', "to remove the entities the learners' logins made, in teardown"],
];

/** Throws one line naming the first capability the host's token lacks, before anything is written. */
export async function checkHostToken(vault: VaultClient, command: 'prepare' | 'teardown'): Promise<void> {
  const paths = [...new Set(NEEDS.map(([path]) => path))];
  const res = await vault.request<Record<string, string[] | undefined>>('POST', 'sys/capabilities-self', { paths });
  if (res.status !== 200)
    throw new LabError(
      `Vault refused sys/capabilities-self (HTTP ${res.status}: ${res.errors.join('; ')}).`,
      'export a VAULT_TOKEN that Vault accepts (vault token lookup)',
    );
  for (const [path, capability, why] of NEEDS) {
    const caps = res.json?.[path] ?? [];
    if (!caps.includes('root') && !caps.includes(capability)) {
      throw new LabError(
        `The Vault token lacks "${capability}" on ${path}, which \`workshop ${command}\` needs ${why}.`,
        `use a token whose policy grants it (vault token capabilities ${path})`,
      );
    }
  }
}

type Mounts = { data?: Record<string, { accessor?: string; type?: string; description?: string }> };

/** `vault auth list`: every auth mount, by path with its trailing slash. */
export async function authMounts(vault: VaultClient): Promise<Mounts['data'] & object> {
  return (await vault.must<Mounts>('GET', 'sys/auth')).json?.data ?? {};
}

/** Refuses a learner whose Vault names are taken: an auth mount under their prefix, or their policy. */
export async function checkVaultPrefixFree(vault: VaultClient, prefix: string, policy: string): Promise<void> {
  const fix = 'choose another --prefix, or remove it if it is a leftover of an earlier workshop';
  const mount = Object.entries(await authMounts(vault)).find(([path]) => path.startsWith(`${prefix}-`));
  if (mount)
    throw new LabError(
      `Vault auth mount ${mount[0]} (type ${mount[1].type ?? '?'}) is already under learner prefix ${prefix}-, so ` +
        `prepare will not hand that prefix to a learner.`,
      fix,
    );
  if ((await vault.request('GET', `sys/policies/acl/${policy}`)).status === 200) {
    throw squatted(
      `Vault policy ${policy}`,
      undefined,
      `if it is a leftover of an earlier workshop, delete it (vault policy delete ${policy}); otherwise prepare ` +
        `with another --prefix`,
    );
  }
}

/** The token role: orphan tokens (they outlive the host's token) that may carry only learner policies. */
export async function ensureTokenRole(rec: Recorder, vault: VaultClient, hours: number): Promise<void> {
  if (!rec.record.vault.tokenRole) {
    if ((await vault.request('GET', `auth/token/roles/${TOKEN_ROLE}`)).status === 200) {
      throw squatted(
        `Vault token role ${TOKEN_ROLE}`,
        undefined,
        `if it is a leftover of an earlier workshop, delete it (vault delete auth/token/roles/${TOKEN_ROLE})`,
      );
    }
    rec.record.vault.tokenRole = true;
    await rec.save();
  }
  await vault.must('POST', `auth/token/roles/${TOKEN_ROLE}`, {
    allowed_policies_glob: [`${POLICY_PREFIX}*`],
    orphan: true,
    renewable: true,
    token_explicit_max_ttl: `${hours}h`,
  });
}

/**
 * `vault policy write auth-delegator-lab-workshop-PREFIX`: recorded first, then written (the same text each time).
 */
export async function writePolicy(rec: Recorder, vault: VaultClient, name: string, prefix: string): Promise<void> {
  if (!rec.record.vault.policies.includes(name)) {
    rec.record.vault.policies.push(name);
    await rec.save();
  }
  await vault.must('PUT', `sys/policies/acl/${name}`, { policy: vaultPolicy(prefix) });
}

/**
 * `vault token create -role=... -policy=...`: the learner's token, its accessor recorded before the token is handed
 * out.
 */
export async function mintToken(
  rec: Recorder,
  vault: VaultClient,
  policy: string,
  prefix: string,
  hours: number,
): Promise<{ token: string; accessor: string }> {
  const res = await vault.must<{ auth?: { client_token: string; accessor: string } }>(
    'POST',
    `auth/token/create/${TOKEN_ROLE}`,
    {
      policies: [policy],
      ttl: `${hours}h`,
      display_name: `workshop-${prefix}`,
      meta: { workshop: 'auth-delegator-lab', learner: prefix },
    },
  );
  if (!res.json?.auth) throw new LabError(`Vault created no token for ${prefix}.`, 'check the Vault log');
  rec.record.vault.accessors.push(res.json.auth.accessor);
  await rec.save();
  return { token: res.json.auth.client_token, accessor: res.json.auth.accessor };
}

/** True while a token from an earlier prepare still works, so prepare run twice keeps it. */
export async function tokenAlive(vault: VaultClient, accessor: string): Promise<boolean> {
  return (await vault.request('POST', 'auth/token/lookup-accessor', { accessor })).status === 200;
}
