// Objects of any kind from manifests (`kubectl create -f`), and what notebook 07 does to a running pod:
// read its log and delete it.
import { createIfMissing, deleteIfPresent, type KubeHandle } from './apis.js';
import type { PodRef } from './pods.js';

/** A manifest as `kubectl create -f` reads it: apiVersion, kind, metadata and the rest. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string } & Record<string, unknown>;
  [field: string]: unknown;
}

/** kubectl create -f FILE: creates each object in order; one that exists already is left as it is. */
export async function createObjects(h: KubeHandle, manifests: readonly Manifest[]): Promise<string[]> {
  const { lib, config } = await h.api;
  const client = lib.KubernetesObjectApi.makeApiClient(config);
  const made: string[] = [];
  for (const manifest of manifests) {
    const outcome = await createIfMissing(() => client.create(manifest));
    made.push(`${manifest.kind.toLowerCase()}/${manifest.metadata.name} ${outcome}`);
  }
  return made;
}

/** kubectl logs NAME -n NS [--since-time=...]: the pod's log, from its current container. */
export async function podLog(h: KubeHandle, ref: PodRef, sinceTime?: Date): Promise<string> {
  const { core } = await h.api;
  const text = await core.readNamespacedPodLog({
    ...ref,
    ...(sinceTime ? { sinceSeconds: Math.max(1, Math.ceil((Date.now() - sinceTime.getTime()) / 1000)) } : {}),
  });
  return String(text ?? '');
}

/** kubectl delete pod NAME -n NS */
export function deletePod(h: KubeHandle, ref: PodRef): Promise<'deleted' | 'absent'> {
  return deleteIfPresent(async () => (await h.api).core.deleteNamespacedPod(ref));
}
