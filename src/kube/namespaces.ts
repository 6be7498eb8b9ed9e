// Namespaces: made where the identity may, labelled for a namespace selector, deleted with what is inside.
// Each call takes the client's handle; Kube (kube-client.ts) offers them as its methods.
import { createIfMissing, deleteIfPresent, isStatus, type KubeHandle } from './apis.js';

/**
 * kubectl create namespace NAME. It looks first, because on a workshop's cluster the host made the
 * namespace and the learner may read it but not create namespaces.
 */
export async function ensureNamespace(h: KubeHandle, name: string): Promise<'created' | 'exists'> {
  const { core } = await h.api;
  if (
    await core.readNamespace({ name }).then(
      () => true,
      (error: unknown) => (isStatus(error, 404) || isStatus(error, 403) ? false : Promise.reject(error)),
    )
  )
    return 'exists';
  return createIfMissing(() =>
    core.createNamespace({
      body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } } },
    }),
  );
}

/** `kubectl label namespace NS KEY=VALUE --overwrite` */
export async function labelNamespace(h: KubeHandle, namespace: string, labels: Record<string, string>): Promise<void> {
  const { core } = await h.api;
  const ns = await core.readNamespace({ name: namespace });
  ns.metadata = { ...ns.metadata, labels: { ...ns.metadata?.labels, ...labels } };
  await core.replaceNamespace({ name: namespace, body: ns });
}

/** kubectl delete namespace NAME (the namespace controller removes what is inside). */
export function deleteNamespace(h: KubeHandle, name: string) {
  return deleteIfPresent(async () => (await h.api).core.deleteNamespace({ name }));
}
