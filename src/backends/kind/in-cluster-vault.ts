// Vault as a pod in the kind cluster (`npm run lab -- up --backend kind --vault in-cluster`): the Helm chart's
// objects (vault-manifests.ts), then what `vault operator init` and `vault operator unseal` do after a
// `helm install`. Vault keeps its data on the node, so a pod that restarts finds its config again, sealed.
import { LabError } from '../../errors.js';
import { Kube } from '../../kube/kube-client.js';
import type { Steps } from '../../output/steps.js';
import { repeat } from '../../poll.js';
import type { VaultEndpoint } from '../../vault/dev-server.js';
import { VaultClient } from '../../vault/vault-client.js';
import type { LabState } from '../state.js';
import type { VaultHost } from '../backend.js';
import { vaultImage } from './cluster.js';
import {
  IN_CLUSTER_API,
  VAULT_BINDING,
  VAULT_NAMESPACE,
  VAULT_POD,
  VAULT_RELEASE,
  vaultManifests,
} from './vault-manifests.js';

/** Vault's pod, as the chart names it. */
export const VAULT_POD_REF = { namespace: VAULT_NAMESPACE, name: VAULT_POD };
const STATUS_FIX =
  `run \`kubectl -n ${VAULT_NAMESPACE} describe pod ${VAULT_POD}\` ` +
  `and \`kubectl -n ${VAULT_NAMESPACE} logs ${VAULT_POD}\``;

/** /v1/sys/health's status: 200 ready, 501 uninitialised, 503 sealed; 0 when nothing answers. */
const healthStatus = (vault: VaultClient) =>
  vault.health().then(
    (res) => res.status,
    () => 0,
  );

/** Waits until Vault answers /v1/sys/health at all, and returns its status. */
async function vaultAnswers(vault: VaultClient, timeoutMs = 120_000): Promise<number> {
  const { answer, done } = await repeat(
    () => healthStatus(vault),
    (status) => status !== 0,
    {
      timeoutMs,
      intervalMs: 500,
    },
  );
  if (done) return answer;
  throw new LabError(`Vault in the cluster did not answer on ${vault.addr} within ${timeoutMs / 1000} s.`, STATUS_FIX);
}

/** `vault operator unseal KEY`, once Vault answers; a Vault that is already unsealed is left as it is. */
export async function unseal(addr: string, key: string): Promise<void> {
  const vault = new VaultClient(addr);
  if ((await vaultAnswers(vault)) === 200) return;
  const res = await vault.request<{ sealed?: boolean }>('PUT', 'sys/unseal', { key }, { token: null });
  if (res.status !== 200 || res.json?.sealed !== false) {
    throw new LabError(
      `vault operator unseal answered ${res.status}: ${res.errors.join('; ') || res.text}.`,
      STATUS_FIX,
    );
  }
}

/** `vault operator init -key-shares=1 -key-threshold=1`: the root token and the one unseal key. */
async function init(addr: string): Promise<{ token: string; key: string }> {
  const vault = new VaultClient(addr);
  const res = await vault.request<{ root_token?: string; keys_base64?: string[] }>(
    'PUT',
    'sys/init',
    { secret_shares: 1, secret_threshold: 1 },
    { token: null },
  );
  const token = res.json?.root_token;
  const key = res.json?.keys_base64?.[0];
  if (res.status !== 200 || !token || !key) {
    throw new LabError(
      `vault operator init answered ${res.status}: ${res.errors.join('; ') || res.text}.`,
      `run \`npm run lab -- down\`, then \`npm run lab -- up --backend kind --vault in-cluster\` (a lab's Vault is ` +
        'initialised once, at `up`)',
    );
  }
  return { token, key };
}

/** Deploys Vault as the chart does, initialises and unseals it, and hands back its endpoint. */
async function deploy(progress: Pick<Steps, 'step'>, kubeconfig: string, addr: string): Promise<VaultEndpoint> {
  const kube = Kube.fromFile(kubeconfig);
  const { ref } = vaultImage();
  await progress.step(`Deploying Vault in the cluster as the Helm chart does (namespace vault, ${ref})`, () =>
    kube.createObjects(vaultManifests(ref)),
  );
  await progress.step(`Waiting for pod ${VAULT_NAMESPACE}/${VAULT_POD}`, () => kube.untilPodRunning(VAULT_POD_REF));
  const { token, key } = await progress.step(`Initialising Vault on ${addr} (vault operator init)`, async () => {
    await vaultAnswers(new VaultClient(addr));
    return init(addr);
  });
  await progress.step('Unsealing Vault (vault operator unseal)', () => unseal(addr, key));
  return {
    addr,
    token,
    logFile: '',
    auditFile: '',
    place: 'in-cluster',
    unsealKey: key,
    pod: {
      podRef: VAULT_POD_REF,
      kubernetesHost: IN_CLUSTER_API,
      serviceAccount: { namespace: VAULT_NAMESPACE, name: VAULT_RELEASE },
      binding: VAULT_BINDING,
    },
  };
}

export const inClusterVault: VaultHost = {
  async start(ctx, cluster) {
    const { kubeconfig, vaultAddr } = await cluster;
    if (!vaultAddr) {
      throw new LabError(
        'The kind cluster was made without a published port for Vault.',
        'run `npm run lab -- down`, then `npm run lab -- up --backend kind --vault in-cluster`',
      );
    }
    return deploy(ctx.progress, kubeconfig, vaultAddr);
  },
  /** A restarted vault-0 comes back sealed; the lab holds its unseal key, as `vault operator unseal` needs. */
  async recover(state: LabState) {
    if (!state.vault.unsealKey) return;
    if ((await healthStatus(new VaultClient(state.vault.addr))) !== 503) return;
    await unseal(state.vault.addr, state.vault.unsealKey);
  },
};
