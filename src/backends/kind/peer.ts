// A second kind cluster beside the lab's, for notebook 07's two clusters: Vault runs in the lab's cluster and
// reviews the tokens of this one. It is named after the lab's cluster, recorded in the kind marker and the
// state before kind runs, so `down` removes it with the lab's own.
import { join } from 'node:path';
import { Kind } from '../../kind/cli.js';
import { labClusterConfig } from '../../kind/config.js';
import { labDir } from '../../paths.js';
import { readState, writeState } from '../state.js';
import { deleteKindCluster, kindEndpoint } from './cluster.js';
import { containerImage } from '../../docker/docker.js';
import { readKindMarker, writeKindMarker } from './marker.js';

export interface PeerCluster {
  name: string;
  kubeconfig: string;
  /** Its API server as this machine reaches it (127.0.0.1), and the CA that signed it. */
  server: string;
  ca: string;
}

/** Writes `peer` into the kind marker and the lab's state, or takes it out of both. */
function remember(peer: string | undefined): void {
  const marker = readKindMarker();
  if (marker) writeKindMarker({ cluster: marker.cluster, network: marker.network, ...(peer ? { peer } : {}) });
  const state = readState();
  if (!state) return;
  const { peer: _, ...record } = state.record ?? {};
  writeState({ ...state, record: { ...record, ...(peer ? { peer } : {}) } });
}

/** kind create cluster --name CLUSTER-peer: a fresh one each time (an old one is deleted first). */
export async function startPeerCluster(cluster: string): Promise<PeerCluster> {
  const name = `${cluster}-peer`;
  const kind = new Kind();
  remember(name);
  if (await kind.exists(name)) await deleteKindCluster(name);
  const kubeconfig = join(labDir(), 'peer-kubeconfig');
  // The node image of the lab's own cluster, so both run the same Kubernetes, with or without a registry.
  const image = await containerImage(`${cluster}-control-plane`);
  await kind.create({
    name,
    config: labClusterConfig(),
    image,
    wait: '120s',
    kubeconfigPath: kubeconfig,
  });
  // kind wrote the kubeconfig to its path (owner-only), which the notebook's kubectl reads.
  const { server, ca } = await kindEndpoint(kind, name);
  return { name, kubeconfig, server, ca };
}

/** kind delete cluster --name CLUSTER-peer, and out of the lab's records. */
export async function removePeerCluster(cluster: string): Promise<void> {
  await deleteKindCluster(`${cluster}-peer`);
  remember(undefined);
}
