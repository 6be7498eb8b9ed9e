// Service accounts and namespaces changed in place: deleted and recreated (a new UID), annotated for
// Vault's alias metadata, labelled for a namespace selector.
import { isStatus } from './apis.js';
import type { Kube } from './client.js';
import type { ServiceAccountRef } from './tokens.js';

/** `kubectl get serviceaccount NAME -n NS -o jsonpath='{.metadata.uid}'`: the UID every token of the account carries. */
export async function serviceAccountUid(kube: Kube, sa: ServiceAccountRef): Promise<string> {
  const account = await (await kube.api).core.readNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace });
  return account.metadata?.uid ?? '';
}

/** `kubectl delete serviceaccount NAME -n NS --ignore-not-found`: its tokens stop passing a TokenReview. */
export async function deleteServiceAccount(kube: Kube, sa: ServiceAccountRef): Promise<'deleted' | 'absent'> {
  try {
    await (await kube.api).core.deleteNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace });
    return 'deleted';
  } catch (error) {
    if (isStatus(error, 404)) return 'absent';
    throw error;
  }
}

/** `kubectl annotate serviceaccount NAME -n NS KEY=VALUE --overwrite` */
export async function annotateServiceAccount(kube: Kube, sa: ServiceAccountRef, annotations: Record<string, string>): Promise<void> {
  const account = await (await kube.api).core.readNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace });
  account.metadata = { ...account.metadata, annotations: { ...account.metadata?.annotations, ...annotations } };
  await (await kube.api).core.replaceNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace, body: account });
}

/** `kubectl label namespace NS KEY=VALUE --overwrite` */
export async function labelNamespace(kube: Kube, namespace: string, labels: Record<string, string>): Promise<void> {
  const ns = await (await kube.api).core.readNamespace({ name: namespace });
  ns.metadata = { ...ns.metadata, labels: { ...ns.metadata?.labels, ...labels } };
  await (await kube.api).core.replaceNamespace({ name: namespace, body: ns });
}
