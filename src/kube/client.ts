// The typed Kubernetes calls the lab makes, through @kubernetes/client-node as the admin user.
// Every helper is idempotent so a notebook cell can run any number of times. RBAC calls live in rbac.ts,
// pod calls in pods.ts, token facts in tokens.ts; Kube gathers them into the one object a notebook holds.
import { LabError } from '../errors.js';
import { poll } from '../poll.js';
import { createIfMissing, deleteIfPresent, isStatus, loadClientNode } from './apis.js';
import type { V1Secret, V1ServiceAccount, V1TokenReview, VersionInfo } from './models.js';
import { PodCalls } from './pods.js';
import { serviceAccountUser, type ServiceAccountRef } from './tokens.js';

/** Admin access to the API server, the way kubectl has it: one method per kubectl command the notebooks use. */
export class Kube extends PodCalls {
  /** Returns at once; client-node loads and reads the kubeconfig in the background, and the first call waits for it. */
  static fromFile(path: string, scope?: readonly string[]): Kube {
    return new Kube(
      loadClientNode().then(({ KubeConfig }) => {
        const config = new KubeConfig();
        config.loadFromFile(path);
        return config;
      }),
      scope,
    );
  }

  /** kubectl version: the API server's build, from GET /version. */
  async version(): Promise<VersionInfo> {
    const { config, lib } = await this.api;
    return config.makeApiClient(lib.VersionApi).getCode();
  }

  /** kubectl api-resources --api-group=authentication.k8s.io -o wide: the resources a group serves, their scope and verbs. */
  async apiResources(groupVersion: 'authentication.k8s.io/v1' | 'authorization.k8s.io/v1') {
    const { authn, authz } = await this.api;
    const api = groupVersion.startsWith('authentication') ? authn : authz;
    const list = await api.getAPIResources();
    return list.resources.filter((r) => !r.name.includes('/')).map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs }));
  }

  /**
   * kubectl create namespace NAME. It looks first, because on a workshop's cluster the host made the
   * namespace and the learner may read it but not create namespaces.
   */
  async ensureNamespace(name: string): Promise<'created' | 'exists'> {
    const { core } = await this.api;
    if (await core.readNamespace({ name }).then(() => true, (error: unknown) => (isStatus(error, 404) || isStatus(error, 403) ? false : Promise.reject(error)))) return 'exists';
    return createIfMissing(() => core.createNamespace({ body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } } } }));
  }

  /** kubectl create serviceaccount NAME -n NS */
  ensureServiceAccount(sa: ServiceAccountRef) {
    return createIfMissing(async () => (await this.api).core.createNamespacedServiceAccount({ namespace: sa.namespace, body: { metadata: { name: sa.name } } }));
  }

  /** kubectl get serviceaccount NAME -n NS -o yaml */
  async readServiceAccount(sa: ServiceAccountRef): Promise<V1ServiceAccount> {
    return (await this.api).core.readNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace });
  }

  /**
   * kubectl create token NAME -n NS [--audience A] [--duration D] [--bound-object-kind Pod --bound-object-name P]:
   * a short-lived token from the TokenRequest API. Bound to a pod, it is what the kubelet asks for.
   */
  async requestToken(
    sa: ServiceAccountRef,
    opts: { audiences?: string[]; expirationSeconds?: number; boundPod?: { name: string; uid?: string } } = {},
  ): Promise<string> {
    const boundObjectRef = opts.boundPod ? { apiVersion: 'v1', kind: 'Pod', name: opts.boundPod.name, uid: opts.boundPod.uid } : undefined;
    const res = await (await this.api).core.createNamespacedServiceAccountToken({
      name: sa.name,
      namespace: sa.namespace,
      body: { spec: { audiences: opts.audiences ?? [], expirationSeconds: opts.expirationSeconds ?? 3600, boundObjectRef } },
    });
    const token = res.status?.token;
    if (!token) throw new LabError(`TokenRequest for ${serviceAccountUser(sa)} returned no token.`, 'check the kube-apiserver log for --service-account-signing-key-file errors');
    return token;
  }

  /**
   * A legacy `kubernetes.io/service-account-token` Secret, filled in by the token controller
   * (`kubectl get secret NAME -n NS -o json`). Returns the Secret as the API server stores it.
   */
  async legacyTokenSecret(sa: ServiceAccountRef, secretName = `${sa.name}-token`, timeoutMs = 30_000): Promise<V1Secret> {
    await createIfMissing(async () =>
      (await this.api).core.createNamespacedSecret({
        namespace: sa.namespace,
        body: { metadata: { name: secretName, annotations: { 'kubernetes.io/service-account.name': sa.name } }, type: 'kubernetes.io/service-account-token' },
      }),
    );
    const filled = async () => {
      const secret = await (await this.api).core.readNamespacedSecret({ name: secretName, namespace: sa.namespace });
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
  async readSecret(namespace: string, name: string): Promise<V1Secret> {
    return (await this.api).core.readNamespacedSecret({ name, namespace });
  }

  /** kubectl apply -f secret.yaml (a new Secret; stringData is stored base64-encoded in data) */
  async createSecret(namespace: string, secret: V1Secret): Promise<V1Secret> {
    return (await this.api).core.createNamespacedSecret({ namespace, body: secret });
  }

  /** kubectl delete secret NAME -n NS --ignore-not-found */
  deleteSecret(namespace: string, name: string) {
    return deleteIfPresent(async () => (await this.api).core.deleteNamespacedSecret({ name, namespace }));
  }

  /**
   * kubectl create -f token-review.json -o yaml, as the lab's admin (system:masters may create anything):
   * shows that the token under review needs no permission of its own.
   */
  async createTokenReview(token: string, audiences?: string[]): Promise<V1TokenReview> {
    return (await this.api).authn.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } } });
  }

  /** kubectl delete namespace NAME (the namespace controller removes what is inside). */
  deleteNamespace(name: string) {
    return deleteIfPresent(async () => (await this.api).core.deleteNamespace({ name }));
  }
}
