// ConfigMaps: the application's own settings in incident mode, and the incident's journal. Each call takes the
// client's handle; Kube (kube-client.ts) offers them as its methods.
import { createIfMissing, deleteIfPresent, readIfPresent, type KubeHandle } from './apis.js';

/** `kubectl get configmap NAME -n NS -o jsonpath='{.data}'`: its data, or undefined when there is none. */
export async function readConfigMap(
  h: KubeHandle,
  namespace: string,
  name: string,
): Promise<Record<string, string> | undefined> {
  const found = await readIfPresent(async () => (await h.api).core.readNamespacedConfigMap({ name, namespace }));
  return found && (found.data ?? {});
}

/** `kubectl create configmap NAME -n NS --from-literal=K=V ... --dry-run=client -o yaml | kubectl apply -f -` */
export async function writeConfigMap(
  h: KubeHandle,
  namespace: string,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  const { core } = await h.api;
  const body = { metadata: { name, namespace }, data };
  if ((await createIfMissing(() => core.createNamespacedConfigMap({ namespace, body }))) === 'exists') {
    await core.replaceNamespacedConfigMap({ name, namespace, body });
  }
}

/** kubectl delete configmap NAME -n NS --ignore-not-found */
export function deleteConfigMap(h: KubeHandle, namespace: string, name: string) {
  return deleteIfPresent(async () => (await h.api).core.deleteNamespacedConfigMap({ name, namespace }));
}
