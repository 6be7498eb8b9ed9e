// What a service account authenticates with: tokens from the TokenRequest API, legacy token Secrets (and
// Secrets in general), and the TokenReview that checks one. Each call takes the client's handle; Kube
// (kube-client.ts) offers them as its methods.
import { LabError } from '../errors.js';
import { poll } from '../poll.js';
import { createIfMissing, deleteIfPresent, readIfPresent, type KubeHandle } from './apis.js';
import type { V1Secret, V1TokenReview } from './models.js';
import { serviceAccountUser, type ServiceAccountRef } from './tokens.js';

export interface TokenOptions {
  audiences?: string[];
  expirationSeconds?: number;
  boundPod?: { name: string; uid?: string };
}

/**
 * kubectl create token NAME -n NS [--audience A] [--duration D] [--bound-object-kind Pod --bound-object-name P]:
 * a short-lived token from the TokenRequest API. Bound to a pod, it is what the kubelet asks for.
 */
export async function requestToken(h: KubeHandle, sa: ServiceAccountRef, opts: TokenOptions = {}): Promise<string> {
  const boundObjectRef = opts.boundPod
    ? { apiVersion: 'v1', kind: 'Pod', name: opts.boundPod.name, uid: opts.boundPod.uid }
    : undefined;
  const res = await (await h.api).core.createNamespacedServiceAccountToken({
    name: sa.name,
    namespace: sa.namespace,
    body: {
      spec: { audiences: opts.audiences ?? [], expirationSeconds: opts.expirationSeconds ?? 3600, boundObjectRef },
    },
  });
  const token = res.status?.token;
  if (!token)
    throw new LabError(
      `TokenRequest for ${serviceAccountUser(sa)} returned no token.`,
      'check the kube-apiserver log for --service-account-signing-key-file errors',
    );
  return token;
}

/**
 * A legacy `kubernetes.io/service-account-token` Secret, filled in by the token controller
 * (`kubectl get secret NAME -n NS -o json`). Returns the Secret as the API server stores it.
 */
export async function legacyTokenSecret(
  h: KubeHandle,
  sa: ServiceAccountRef,
  secretName = `${sa.name}-token`,
  timeoutMs = 30_000,
): Promise<V1Secret> {
  const { core } = await h.api;
  const body = {
    metadata: { name: secretName, annotations: { 'kubernetes.io/service-account.name': sa.name } },
    type: 'kubernetes.io/service-account-token',
  };
  await createIfMissing(() => core.createNamespacedSecret({ namespace: sa.namespace, body }));
  const filled = async () => {
    const secret = await core.readNamespacedSecret({ name: secretName, namespace: sa.namespace });
    return secret.data?.token ? secret : undefined;
  };
  return poll(filled, {
    timeoutMs,
    intervalMs: 50,
    timedOut: () =>
      new LabError(
        `The token controller did not fill Secret ${sa.namespace}/${secretName} within ${timeoutMs / 1000}s.`,
        'check that kube-controller-manager runs (npm run lab -- status) with --service-account-private-key-file',
      ),
  });
}

/** kubectl get secret NAME -n NS -o json */
export async function readSecret(h: KubeHandle, namespace: string, name: string): Promise<V1Secret> {
  return (await h.api).core.readNamespacedSecret({ name, namespace });
}

/** kubectl apply -f secret.yaml (a new Secret; stringData is stored base64-encoded in data) */
export async function createSecret(h: KubeHandle, namespace: string, secret: V1Secret): Promise<V1Secret> {
  return (await h.api).core.createNamespacedSecret({ namespace, body: secret });
}

/** `kubectl get secret NAME -n NS -o jsonpath='{.data.token}' | base64 -d`: '' when there is no such Secret or key. */
export async function readTokenSecret(h: KubeHandle, namespace: string, name: string): Promise<string> {
  const secret = await readIfPresent(() => readSecret(h, namespace, name));
  return Buffer.from(secret?.data?.token ?? '', 'base64').toString('utf8');
}

/** `kubectl create secret generic NAME -n NS --from-literal=token=TOKEN`, in place of any Secret of that name. */
export async function writeTokenSecret(h: KubeHandle, namespace: string, name: string, token: string): Promise<void> {
  await deleteSecret(h, namespace, name);
  await createSecret(h, namespace, { metadata: { name }, stringData: { token } });
}

/** kubectl delete secret NAME -n NS --ignore-not-found */
export function deleteSecret(h: KubeHandle, namespace: string, name: string) {
  return deleteIfPresent(async () => (await h.api).core.deleteNamespacedSecret({ name, namespace }));
}

/**
 * kubectl create -f token-review.json -o yaml, as the client's identity (the lab's admin may create anything):
 * shows that the token under review needs no permission of its own.
 */
export async function createTokenReview(h: KubeHandle, token: string, audiences?: string[]): Promise<V1TokenReview> {
  return (await h.api).authn.createTokenReview({
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } },
  });
}
