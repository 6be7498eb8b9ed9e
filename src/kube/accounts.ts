// Service accounts: made, read, deleted and made again (a new UID), and annotated for Vault's alias metadata.
// Each call takes the client's handle; Kube (kube-client.ts) offers them as its methods.
import { createIfMissing, deleteIfPresent, type KubeHandle } from './apis.js';
import type { V1ServiceAccount } from './models.js';
import type { ServiceAccountRef } from './tokens.js';

/** kubectl create serviceaccount NAME -n NS */
export function ensureServiceAccount(h: KubeHandle, sa: ServiceAccountRef) {
  return createIfMissing(async () =>
    (await h.api).core.createNamespacedServiceAccount({
      namespace: sa.namespace,
      body: { metadata: { name: sa.name } },
    }),
  );
}

/** kubectl get serviceaccount NAME -n NS -o yaml */
export async function readServiceAccount(h: KubeHandle, sa: ServiceAccountRef): Promise<V1ServiceAccount> {
  return (await h.api).core.readNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace });
}

/**
 * `kubectl get serviceaccount NAME -n NS -o jsonpath='{.metadata.uid}'`: the UID every token of the account carries.
 */
export async function serviceAccountUid(h: KubeHandle, sa: ServiceAccountRef): Promise<string> {
  return (await readServiceAccount(h, sa)).metadata?.uid ?? '';
}

/** `kubectl delete serviceaccount NAME -n NS --ignore-not-found`: its tokens stop passing a TokenReview. */
export function deleteServiceAccount(h: KubeHandle, sa: ServiceAccountRef): Promise<'deleted' | 'absent'> {
  return deleteIfPresent(async () =>
    (await h.api).core.deleteNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace }),
  );
}

/** `kubectl annotate serviceaccount NAME -n NS KEY=VALUE --overwrite` */
export async function annotateServiceAccount(
  h: KubeHandle,
  sa: ServiceAccountRef,
  annotations: Record<string, string>,
): Promise<void> {
  const account = await readServiceAccount(h, sa);
  account.metadata = { ...account.metadata, annotations: { ...account.metadata?.annotations, ...annotations } };
  await (await h.api).core.replaceNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace, body: account });
}
