// Shared by the workshop's integration tests: the local backend standing in for the host's cluster and
// Vault, learners' clients from their env bundles (and their raw bearer token, as curl would use it), the lab
// CLI in a state directory of its own, and a sorted listing, with UIDs, of every object the workshop could touch.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { readBundle, type EnvBundle } from '../../../src/backends/existing/bundle.js';
import { Kube } from '../../../src/kube/kube-client.js';
import { connectHost, type Host } from '../../../src/lab/workshop/host.js';
import { request } from '../../../src/http.js';
import { VaultClient } from '../../../src/vault/vault-client.js';
import { lab, labCli as runLabCli } from '../../helpers.js';

/** The integration lab as a workshop host sees it: its admin kubeconfig's context and the root token. */
export function localHost(): Promise<Host> {
  const { state } = lab();
  const config = new KubeConfig();
  config.loadFromFile(state.kubeconfig);
  return connectHost({
    kubeconfig: state.kubeconfig,
    context: config.getCurrentContext(),
    vaultAddr: state.vault.addr,
    vaultToken: state.vault.token,
  });
}

export interface Learner {
  bundle: EnvBundle;
  file: string;
  kube: Kube;
  vault: VaultClient;
  /** The bearer token in the learner's kubeconfig. */
  token: string;
}

/** A learner's clients, made from nothing but their env bundle. */
export function learner(dir: string, prefix: string): Learner {
  const file = join(dir, `${prefix}.env`);
  const bundle = readBundle(file);
  const config = new KubeConfig();
  config.loadFromString(bundle.kubeconfig);
  const token = config.getCurrentUser()?.token ?? '';
  return {
    bundle,
    file,
    token,
    kube: new Kube(config),
    vault: new VaultClient(bundle.vaultAddr, bundle.vaultToken, { mount: `${prefix}-kubernetes` }),
  };
}

export interface Answer {
  status: number;
  /** The API server's Status message, or the raw body. */
  message: string;
  json: unknown;
}

/** `curl -H "Authorization: Bearer $TOKEN" -X METHOD $KUBE_API/PATH -d BODY`: the API server's answer, as it came. */
export function curlAs(host: Host, token: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const type = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    const res = await request(new URL(path, host.server).toString(), {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': type }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      ca: host.ca,
    });
    return {
      status: res.status,
      message: (res.json as { message?: string } | undefined)?.message ?? res.text,
      json: res.json,
    };
  };
}

/** `npm run lab -- ARGS` in its own state directory, with the Vault env and KUBECONFIG cleared unless given. */
export const labCli = (stateDir: string, args: string[], env: Record<string, string> = {}) =>
  runLabCli(stateDir, args, { VAULT_ADDR: '', VAULT_TOKEN: '', KUBECONFIG: '', ...env });

export const readText = (path: string) => readFileSync(path, 'utf8');

type Named = { metadata?: { name?: string; namespace?: string; uid?: string } };
const names = (items: Named[]) =>
  items
    .map((i) => `${i.metadata?.namespace ? `${i.metadata.namespace}/` : ''}${i.metadata?.name} ${i.metadata?.uid}`)
    .sort();

/** Every object a workshop could create or a learner could make, as sorted lists of names with UIDs (mounts with accessors). */
export type Snapshot = Record<string, string[]>;

export async function snapshot(host: Host): Promise<Snapshot> {
  const { kube, vault } = host;
  const keys = async (path: string) =>
    ((await vault.request<{ data?: { keys?: string[] } }>('GET', `${path}?list=true`)).json?.data?.keys ?? []).sort();
  const { lib, config } = await kube.api;
  const admission = config.makeApiClient(lib.AdmissionregistrationV1Api);
  const mounts =
    (await vault.must<{ data?: Record<string, { accessor?: string }> }>('GET', 'sys/auth')).json?.data ?? {};
  return {
    namespaces: names((await (await kube.api).core.listNamespace()).items),
    serviceAccounts: names((await (await kube.api).core.listServiceAccountForAllNamespaces()).items),
    clusterRoles: names((await (await kube.api).rbac.listClusterRole()).items),
    clusterRoleBindings: names((await (await kube.api).rbac.listClusterRoleBinding()).items),
    roleBindings: names((await (await kube.api).rbac.listRoleBindingForAllNamespaces()).items),
    roles: names((await (await kube.api).rbac.listRoleForAllNamespaces()).items),
    admissionPolicies: names((await admission.listValidatingAdmissionPolicy()).items),
    admissionPolicyBindings: names((await admission.listValidatingAdmissionPolicyBinding()).items),
    resourceQuotas: names((await (await kube.api).core.listResourceQuotaForAllNamespaces()).items),
    limitRanges: names((await (await kube.api).core.listLimitRangeForAllNamespaces()).items),
    configMaps: names((await (await kube.api).core.listConfigMapForAllNamespaces()).items),
    vaultAuthMounts: Object.entries(mounts)
      .map(([path, m]) => `${path} ${m.accessor}`)
      .sort(),
    vaultPolicies: await keys('sys/policies/acl'),
    vaultTokenAccessors: await keys('auth/token/accessors'),
    vaultTokenRoles: await keys('auth/token/roles'),
    vaultEntities: await keys('identity/entity/id'),
  };
}

/** The HTTP status client-node threw, or 'allowed' when the call went through. */
export async function statusOf(call: () => Promise<unknown>): Promise<number | 'allowed'> {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

/** The accessors of `accessors` whose Vault token is alive now. */
async function aliveAccessors(host: Host, accessors: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (const accessor of accessors) {
    if ((await host.vault.request('POST', 'auth/token/lookup-accessor', { accessor })).status === 200)
      live.add(accessor);
  }
  return live;
}

/**
 * Expects every object of `before` as it was, and nothing new. Vault tokens expire during the run on their own (the
 * notebooks' and the incident's logins live minutes), so both sides count only the tokens alive now.
 */
export async function expectUnchanged(host: Host, before: Snapshot, what?: string): Promise<void> {
  const now = await snapshot(host);
  const all = [...new Set([...(before.vaultTokenAccessors ?? []), ...(now.vaultTokenAccessors ?? [])])];
  const live = await aliveAccessors(host, all);
  const alive = (s: Snapshot) => ({
    ...s,
    vaultTokenAccessors: (s.vaultTokenAccessors ?? []).filter((a) => live.has(a)),
  });
  expect(alive(now), what).toEqual(alive(before));
}
