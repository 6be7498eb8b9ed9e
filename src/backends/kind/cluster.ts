// The kind backend's cluster: a real single-node cluster in Docker, with its API server published on
// 127.0.0.1. Vault runs as a host process and reaches the API server through that same loopback port, so
// the Kubernetes host and CA that Vault is configured with are exactly the ones in kind's kubeconfig.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containerId,
  containersWithLabel,
  imageExists,
  networkContainers,
  networkExists,
  removeNetwork,
} from '../../docker/docker.js';
import { thawContainer, UNKILLABLE } from '../../docker/freezer.js';
import { CommandError, LabError } from '../../errors.js';
import { labClusterConfig } from '../../kind/config.js';
import { Kind } from '../../kind/cli.js';
import { checkKindVersion } from '../../kind/version.js';
import { serverAndCa } from '../../kube/kubeconfig.js';
import type { Steps } from '../../output/steps.js';
import { labDir } from '../../paths.js';
import { repeat } from '../../poll.js';
import { freePort, requireFreePort } from '../../ports.js';
import { VAULT_VERSION } from '../../binaries/versions.js';
import { VAULT_NODE_PORT } from './vault-manifests.js';
import type { Started } from '../backend.js';
import { kindClusterName, type KindMarker, writeKindMarker } from './marker.js';

/** The Docker network kind puts every cluster's nodes on; kind makes it and never removes it. */
export const KIND_NETWORK = 'kind';
const BUILD_FIX =
  'build it with `export $(npx tsx scripts/kind-node-image/main.ts)`, ' +
  'which sets LAB_KIND_IMAGE, LAB_POD_IMAGE and LAB_VAULT_IMAGE';

/**
 * The node image: LAB_KIND_IMAGE (CI sets it to the image scripts/kind-node-image builds), else kind's own
 * default. kind v0.33.0 publishes no kindest/node for the lab's v1.36.3, so there is no digest to pin.
 */
export function kindNodeImage(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.LAB_KIND_IMAGE?.trim() || undefined;
}

/** Fails before anything is made when an image the lab was told to use is not in Docker on this machine. */
async function requireLocalImage(ref: string | undefined, variable: string): Promise<void> {
  if (ref && !(await imageExists(ref))) {
    throw new LabError(
      `The image ${ref} (${variable}) is not in Docker on this machine.`,
      `${BUILD_FIX}, or unset ${variable}`,
    );
  }
}

/**
 * The image of Vault in the cluster: LAB_VAULT_IMAGE (built by scripts/kind-node-image, loaded with `kind load`),
 * else the one the Helm chart would pull for the lab's Vault version.
 */
export function vaultImage(env: Record<string, string | undefined> = process.env): { ref: string; local: boolean } {
  const local = env.LAB_VAULT_IMAGE?.trim();
  return local ? { ref: local, local: true } : { ref: `hashicorp/vault:${VAULT_VERSION.slice(1)}`, local: false };
}

/** What `up` asks of the cluster beyond its defaults. */
export interface KindStartOptions {
  apiPort?: number;
  /** Publish Vault's node port on this loopback port (a free one when 0), for a Vault in the cluster. */
  vaultPort?: number;
}

/** Creates the cluster; `onCreated` hears of it before kind runs, so a failed start can still remove it. */
export async function startKind(
  progress: Pick<Steps, 'step'>,
  onCreated: (marker: KindMarker) => void,
  opts: KindStartOptions = {},
): Promise<Started> {
  const { apiPort } = opts;
  if (apiPort) await requireFreePort(apiPort, "kind's API server");
  if (opts.vaultPort) await requireFreePort(opts.vaultPort, 'Vault in the cluster');
  const vaultPort = opts.vaultPort === undefined ? undefined : opts.vaultPort || (await freePort());
  const kind = new Kind();
  checkKindVersion(await kind.version());
  const cluster = kindClusterName();
  if (await kind.exists(cluster)) {
    throw new LabError(
      `A kind cluster named ${cluster} already exists but the lab has no record of it.`,
      `delete it with \`kind delete cluster --name ${cluster}\`, then run \`npm run lab -- up\``,
    );
  }
  const image = kindNodeImage();
  // With no registry, notebook 02's pod image comes from the host's Docker (CI builds it with
  // scripts/kind-node-image).
  const podImage = process.env.LAB_POD_IMAGE?.trim() || undefined;
  await requireLocalImage(image, 'LAB_KIND_IMAGE');
  await requireLocalImage(podImage, 'LAB_POD_IMAGE');
  const vault = vaultPort === undefined ? undefined : vaultImage();
  if (vault?.local) await requireLocalImage(vault.ref, 'LAB_VAULT_IMAGE');
  const marker: KindMarker = { cluster, ...((await networkExists(KIND_NETWORK)) ? {} : { network: KIND_NETWORK }) };
  mkdirSync(labDir(), { recursive: true });
  writeKindMarker(marker);
  onCreated(marker);
  await progress.step(`Creating kind cluster ${cluster} (${image ?? "kind's default node image"})`, () =>
    kind.create({
      name: cluster,
      config: labClusterConfig({
        apiServerPort: apiPort,
        ...(vaultPort ? { publish: { nodePort: VAULT_NODE_PORT, hostPort: vaultPort } } : {}),
      }),
      image,
      wait: '120s',
      kubeconfigPath: join(labDir(), 'kind-kubeconfig'),
    }),
  );
  for (const image of [podImage, vault?.local ? vault.ref : undefined])
    if (image)
      await progress.step(`Loading ${image} into the node (kind load docker-image)`, () =>
        kind.loadImage(cluster, image),
      );
  const { text, server, ca } = await kindEndpoint(kind, cluster);
  mkdirSync(join(labDir(), 'pki'), { recursive: true });
  const kubeconfig = join(labDir(), 'kubeconfig');
  const kubeCaFile = join(labDir(), 'pki', 'ca.crt');
  writeFileSync(kubeconfig, text, { mode: 0o600 });
  writeFileSync(kubeCaFile, ca);
  const vaultAddr = vaultPort ? `http://127.0.0.1:${vaultPort}` : undefined;
  return { kubeconfig, kubeServer: server, kubeCaFile, podImage, vaultAddr, record: { ...marker } };
}

/** `kind get kubeconfig --name NAME`: its text, and the API server and CA it names, as this machine reaches them. */
export async function kindEndpoint(kind: Kind, name: string): Promise<{ text: string; server: string; ca: string }> {
  const text = await kind.kubeconfig(name);
  const fix = `run \`kind get kubeconfig --name ${name}\` and check the cluster is healthy`;
  return { text, ...(await serverAndCa(text, `The kind kubeconfig of ${name}`, fix)) };
}

/**
 * How long `down` keeps deleting nodes Docker still lists. A node whose `docker run` was cut off (Docker
 * stopped answering mid-`up`) may still be in the making: Docker lists it before it can remove it, and
 * `docker rm -f`, which kind runs, takes "no such container" for "already gone". Filling the node's /var
 * volume from its image can take several seconds.
 */
const NODES_GONE_MS = 60_000;

/**
 * Deletes the lab's kind cluster until Docker lists none of its nodes, then kind's network if the lab made
 * it and nothing else uses it; used by `down` and to undo a failed `up`.
 */
export async function deleteKindCluster(
  name: string,
  network?: string,
  timeoutMs = NODES_GONE_MS,
  freezerRoot?: string,
): Promise<void> {
  const kind = new Kind();
  const deleted = async () => {
    try {
      await kind.delete(name);
    } catch (error) {
      // A node with a frozen cgroup inside (cgroup v1, see docker/freezer.ts): thaw it, and the next round deletes
      // it.
      if (!(error instanceof CommandError && UNKILLABLE.test(error.stderr))) throw error;
      let thawed = 0;
      for (const node of await kindNodes(name)) thawed += thawContainer(await containerId(node), freezerRoot);
      if (thawed === 0) throw error;
    }
    return kindNodes(name);
  };
  const { answer: left, done } = await repeat(deleted, (nodes) => nodes.length === 0, { timeoutMs, intervalMs: 500 });
  if (!done) {
    throw new LabError(
      `\`kind delete cluster --name ${name}\` ran for ${timeoutMs / 1000} s, and Docker still lists ` +
        `${left.join(', ')}.`,
      `run \`docker rm -f -v ${left.join(' ')}\`, then \`npm run lab -- down\` again`,
    );
  }
  if (network && (await networkExists(network)) && (await networkContainers(network)).length === 0)
    await removeNetwork(network);
}

/** The node containers of a cluster, running or stopped (kind labels each with its cluster's name). */
export function kindNodes(name: string): Promise<string[]> {
  return containersWithLabel(`io.x-k8s.kind.cluster=${name}`);
}
