// The kind backend: a real single-node cluster in Docker, with its API server published on 127.0.0.1.
// Vault runs as a host process and reaches the API server through that same loopback port, so the
// Kubernetes host and CA that Vault is configured with are exactly the ones in kind's kubeconfig.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { LabError } from '../errors.js';
import { Kind, labClusterConfig } from '../kind/kind.js';
import type { Progress } from '../output/progress.js';
import { labDir } from '../paths.js';
import type { KubeEndpoint } from './endpoint.js';
import { requireFreePort } from '../ports.js';

export const KIND_CLUSTER = 'auth-delegator-lab';
/**
 * The node image: LAB_KIND_IMAGE (CI sets it to the image scripts/kind-node-image builds), else kind's own
 * default. kind v0.33.0 publishes no kindest/node for the lab's v1.36.3, so there is no digest to pin.
 */
export function kindNodeImage(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.LAB_KIND_IMAGE?.trim() || undefined;
}

/** Reads the API server URL and CA out of a kubeconfig (as client-node reads it), for Vault and for curl. */
export function serverAndCa(kubeconfigText: string): { server: string; ca: string } {
  const config = new KubeConfig();
  try {
    config.loadFromString(kubeconfigText);
  } catch (cause) {
    throw new LabError('The kind kubeconfig cannot be read.', `run \`kind get kubeconfig --name ${KIND_CLUSTER}\` and check the cluster is healthy`, { cause });
  }
  const cluster = config.getCurrentCluster() ?? config.getClusters()[0];
  if (!cluster?.server || !cluster.caData) {
    throw new LabError('The kind kubeconfig has no server or CA data.', `run \`kind get kubeconfig --name ${KIND_CLUSTER}\` and check the cluster is healthy`);
  }
  return { server: cluster.server, ca: Buffer.from(cluster.caData, 'base64').toString('utf8') };
}

export async function startKind(progress: Pick<Progress, 'step'>, onCreated: (name: string) => void, apiPort?: number): Promise<KubeEndpoint & { podImage?: string }> {
  if (apiPort) await requireFreePort(apiPort, "kind's API server");
  const kind = new Kind();
  if (await kind.exists(KIND_CLUSTER)) {
    throw new LabError(`A kind cluster named ${KIND_CLUSTER} already exists but the lab has no record of it.`, `delete it with \`kind delete cluster --name ${KIND_CLUSTER}\`, then run \`npm run lab -- up\``);
  }
  const image = kindNodeImage();
  await progress.step(`Creating kind cluster ${KIND_CLUSTER} (${image ?? "kind's default node image"})`, async () => {
    onCreated(KIND_CLUSTER);
    await kind.create({ name: KIND_CLUSTER, config: labClusterConfig({ apiServerPort: apiPort }), image, wait: '120s', kubeconfigPath: join(labDir(), 'kind-kubeconfig') });
  });
  // With no registry, notebook 02's pod image comes from the host's Docker (CI builds it with scripts/kind-node-image).
  const podImage = process.env.LAB_POD_IMAGE?.trim() || undefined;
  if (podImage) await progress.step(`Loading ${podImage} into the node (kind load docker-image)`, () => kind.loadImage(KIND_CLUSTER, podImage));
  const text = await kind.kubeconfig(KIND_CLUSTER);
  const { server, ca } = serverAndCa(text);
  mkdirSync(join(labDir(), 'pki'), { recursive: true });
  const kubeconfig = join(labDir(), 'kubeconfig');
  const kubeCaFile = join(labDir(), 'pki', 'ca.crt');
  writeFileSync(kubeconfig, text, { mode: 0o600 });
  writeFileSync(kubeCaFile, ca);
  return { kubeconfig, kubeServer: server, kubeCaFile, podImage };
}

/** Deletes the lab's kind cluster; used by `down` and to undo a failed `up`. */
export async function deleteKindCluster(name: string): Promise<void> {
  await new Kind().delete(name);
}
