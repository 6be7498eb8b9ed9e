// Notebook 07's own steps: Vault as a pod (`npm run lab -- up --backend kind --vault in-cluster`), an
// application pod that logs in to it and reads a secret, and a restart of the Vault pod.
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from '../errors.js';
import { emit } from '../output/kernel.js';
import { renderers } from '../output/renderers.js';
import type { Lab } from '../exercises/types.js';
import { Kube } from '../kube/kube-client.js';
import type { LabPod } from '../kube/models.js';
import { tokenReaderPod, type PodRef } from '../kube/pods.js';
import { TOKEN_SUCCESS_CACHE_MS, type ServiceAccountRef } from '../kube/tokens.js';
import { unseal, VAULT_POD_REF } from '../backends/kind/in-cluster-vault.js';
import { KIND_CLUSTER } from '../backends/kind/marker.js';
import { removePeerCluster, startPeerCluster, type PeerCluster } from '../backends/kind/peer.js';
import { VAULT_NAMESPACE } from '../backends/kind/vault-manifests.js';

/** Why this lab cannot run notebook 07, with the fix; undefined when Vault runs in the cluster. */
export function inClusterRefusal(lab: Lab): LabError | undefined {
  if (lab.state.vault.place === 'in-cluster') return undefined;
  return new LabError(
    `This notebook needs Vault as a pod in the lab's kind cluster, and this lab's Vault is not one ` +
      `(backend ${lab.backend}).`,
    'run `npm run lab -- down && npm run lab -- up --backend kind --vault in-cluster`, then restart this ' +
      'notebook; or read recordings/kind/07-vault-in-the-cluster.ipynb',
  );
}

/**
 * Stops the notebook unless the lab runs Vault in the cluster: the reason and its fix as the cell's output, then
 * an error of one line, which is what stops Jupyter's "Run All" before the next cell.
 */
export function requireVaultInCluster(lab: Lab): void {
  const refusal = inClusterRefusal(lab);
  if (!refusal) return;
  emit(renderers.markdown(`**${refusal.problem}**\n\nFix: ${refusal.fix}.`));
  const stop = new Error('Stopped here: this notebook needs Vault in the cluster (the reason and the fix are above).');
  stop.stack = stop.message;
  throw stop;
}

/**
 * What the application runs: log in with the pod's own token file, then read one secret with the Vault token it
 * got. `read-secret ROLE PATH`; busybox's wget prints the status line of a refusal.
 */
export const READ_SECRET = `#!/bin/sh
# read-secret ROLE PATH: log in to Vault as this pod's service account, then read one secret.
set -e
jwt=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)
login=$(wget -qO- --post-data "{\\"role\\": \\"$1\\", \\"jwt\\": \\"$jwt\\"}" "$VAULT_ADDR/v1/auth/kubernetes/login")
token=$(echo "$login" | sed 's/.*"client_token":"\\([^"]*\\)".*/\\1/')
echo "logged in with role $1"
secret=$(wget -qO- --header "X-Vault-Token: $token" "$VAULT_ADDR/v1/$2")
echo "$secret" | sed 's/.*"data":{"data":\\({[^}]*}\\).*/\\1/'
`;

/** The application's pod: the reader pod of notebook 02, with read-secret on its PATH and Vault's address. */
export function appPod(sa: ServiceAccountRef, image?: string): LabPod {
  const pod = tokenReaderPod(sa, sa.name, image);
  const [container] = pod.spec?.containers ?? [];
  if (!container || !pod.spec) return pod;
  container.name = 'app';
  container.env = [
    { name: 'VAULT_ADDR', value: `http://vault.${VAULT_NAMESPACE}.svc:8200` },
    { name: 'PATH', value: '/app:/bin' },
  ];
  container.volumeMounts = [{ name: 'app', mountPath: '/app' }];
  pod.spec.volumes = [{ name: 'app', configMap: { name: 'app', defaultMode: 0o555 } }];
  return pod;
}

/** kind create cluster --name auth-delegator-lab-peer: a second cluster, whose tokens the lab's Vault reviews. */
export function startPeer(lab: Lab): Promise<PeerCluster> {
  return startPeerCluster(lab.state.record?.cluster ?? KIND_CLUSTER);
}

/** kubectl --kubeconfig "$PEER" create token NAME: a token of the peer cluster's service account default/NAME. */
export function peerToken(peer: PeerCluster, name: string): Promise<string> {
  return Kube.fromFile(peer.kubeconfig).requestToken({ namespace: 'default', name });
}

/** kind delete cluster --name auth-delegator-lab-peer */
export function removePeer(lab: Lab): Promise<void> {
  return removePeerCluster(lab.state.record?.cluster ?? KIND_CLUSTER);
}

/** kubectl create configmap app --from-file=read-secret; kubectl apply -f app-pod.yaml; kubectl wait ... */
export async function deployApp(lab: Lab, sa: ServiceAccountRef): Promise<PodRef> {
  await lab.kube.createObjects([
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', namespace: sa.namespace },
      data: { 'read-secret': READ_SECRET },
    },
  ]);
  await lab.kube.ensurePod(appPod(sa, lab.state.podImage));
  const ref = { namespace: sa.namespace, name: sa.name };
  await lab.kube.untilPodRunning(ref);
  return ref;
}

/**
 * kubectl -n vault delete pod vault-0, then what the StatefulSet and `vault operator unseal` do: a new pod runs,
 * finds its data on the volume, and is unsealed with the lab's key. Returns once the API server can no longer
 * answer from its cache for a token of the old pod, with the old and the new pod's uid.
 */
export async function restartVault(lab: Lab): Promise<{ before: string; after: string }> {
  const before = (await lab.kube.readPod(VAULT_POD_REF)).metadata?.uid ?? '';
  const deleted = Date.now();
  await lab.kube.deletePod(VAULT_POD_REF);
  const pod = await lab.kube.untilPodRunning(VAULT_POD_REF, 120_000, before);
  const { addr, unsealKey } = lab.state.vault;
  if (unsealKey) await unseal(addr, unsealKey);
  // A token of the deleted pod still passes a TokenReview while kube-apiserver's cache holds it: a second more.
  await sleep(Math.max(0, deleted + TOKEN_SUCCESS_CACHE_MS + 1_000 - Date.now()));
  return { before, after: pod.metadata?.uid ?? '' };
}
