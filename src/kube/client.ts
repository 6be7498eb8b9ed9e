// The typed Kubernetes calls the lab makes, through @kubernetes/client-node as the admin user.
// Every helper is idempotent so a notebook cell can run any number of times.
import {
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  VersionApi,
  type VersionInfo,
  type V1ClusterRole,
  type V1Secret,
  type V1SubjectAccessReviewStatus,
} from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from '../errors.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The username the API server gives a service account: what TokenReview returns and RBAC matches. */
export const serviceAccountUser = (sa: ServiceAccountRef) => `system:serviceaccount:${sa.namespace}:${sa.name}`;

export const isStatus = (error: unknown, code: number) => error instanceof ApiException && error.code === code;

/** Creates the object unless it exists; the 409 from a second run is the expected, harmless answer. */
async function createIfMissing(create: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await create();
    return 'created';
  } catch (error) {
    if (isStatus(error, 409)) return 'exists';
    throw error;
  }
}

/** Deletes the object if it is there; a 404 means it is already gone. */
async function deleteIfPresent(remove: () => Promise<unknown>): Promise<'deleted' | 'absent'> {
  try {
    await remove();
    return 'deleted';
  } catch (error) {
    if (isStatus(error, 404)) return 'absent';
    throw error;
  }
}

export class Kube {
  readonly core: CoreV1Api;
  readonly rbac: RbacAuthorizationV1Api;
  readonly authz: AuthorizationV1Api;

  constructor(readonly config: KubeConfig) {
    this.core = config.makeApiClient(CoreV1Api);
    this.rbac = config.makeApiClient(RbacAuthorizationV1Api);
    this.authz = config.makeApiClient(AuthorizationV1Api);
  }

  static fromFile(path: string): Kube {
    const config = new KubeConfig();
    config.loadFromFile(path);
    return new Kube(config);
  }

  /** kubectl version: the API server's build, from GET /version. */
  version(): Promise<VersionInfo> {
    return this.config.makeApiClient(VersionApi).getCode();
  }

  /** kubectl api-resources --api-group=authentication.k8s.io -o wide: the resources a group serves, their scope and verbs. */
  async apiResources(groupVersion: 'authentication.k8s.io/v1' | 'authorization.k8s.io/v1') {
    const api = groupVersion.startsWith('authentication') ? this.config.makeApiClient(AuthenticationV1Api) : this.authz;
    const list = await api.getAPIResources();
    return list.resources.filter((r) => !r.name.includes('/')).map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs }));
  }

  /** kubectl get clusterrolebindings,rolebindings -A, filtered to those that grant ROLE. */
  async bindingsTo(clusterRole: string) {
    const [cluster, namespaced] = await Promise.all([this.rbac.listClusterRoleBinding(), this.rbac.listRoleBindingForAllNamespaces()]);
    const describe = (kind: string, b: (typeof cluster.items)[number] | (typeof namespaced.items)[number]) => ({
      kind,
      name: b.metadata?.namespace ? `${b.metadata.namespace}/${b.metadata?.name}` : b.metadata?.name,
      subjects: (b.subjects ?? []).map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`).join(', '),
    });
    return [
      ...cluster.items.filter((b) => b.roleRef.name === clusterRole).map((b) => describe('ClusterRoleBinding', b)),
      ...namespaced.items.filter((b) => b.roleRef.kind === 'ClusterRole' && b.roleRef.name === clusterRole).map((b) => describe('RoleBinding', b)),
    ];
  }

  /** kubectl get clusterrole NAME -o yaml */
  getClusterRole(name: string): Promise<V1ClusterRole> {
    return this.rbac.readClusterRole({ name });
  }

  /** kubectl create namespace NAME */
  ensureNamespace(name: string) {
    return createIfMissing(() => this.core.createNamespace({ body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } } } }));
  }

  /** kubectl create serviceaccount NAME -n NS */
  ensureServiceAccount(sa: ServiceAccountRef) {
    return createIfMissing(() => this.core.createNamespacedServiceAccount({ namespace: sa.namespace, body: { metadata: { name: sa.name } } }));
  }

  /** kubectl create token NAME -n NS [--audience A] [--duration D]: a short-lived token from the TokenRequest API. */
  async requestToken(sa: ServiceAccountRef, opts: { audiences?: string[]; expirationSeconds?: number } = {}): Promise<string> {
    const res = await this.core.createNamespacedServiceAccountToken({
      name: sa.name,
      namespace: sa.namespace,
      body: { spec: { audiences: opts.audiences ?? [], expirationSeconds: opts.expirationSeconds ?? 3600 } },
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
    await createIfMissing(() =>
      this.core.createNamespacedSecret({
        namespace: sa.namespace,
        body: { metadata: { name: secretName, annotations: { 'kubernetes.io/service-account.name': sa.name } }, type: 'kubernetes.io/service-account-token' },
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const secret = await this.core.readNamespacedSecret({ name: secretName, namespace: sa.namespace });
      if (secret.data?.token) return secret;
      await sleep(200);
    }
    throw new LabError(
      `The token controller did not fill Secret ${sa.namespace}/${secretName} within ${timeoutMs / 1000}s.`,
      'check that kube-controller-manager runs (npm run lab -- status) with --service-account-private-key-file',
    );
  }

  /** kubectl create clusterrolebinding NAME --clusterrole=ROLE --serviceaccount=NS:SA */
  bindClusterRole(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(() =>
      this.rbac.createClusterRoleBinding({
        body: {
          metadata: { name: bindingName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
          subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }],
        },
      }),
    );
  }

  /** kubectl delete clusterrolebinding NAME */
  unbindClusterRole(bindingName: string) {
    return deleteIfPresent(() => this.rbac.deleteClusterRoleBinding({ name: bindingName }));
  }

  /** kubectl create rolebinding NAME -n NS --clusterrole=ROLE --serviceaccount=NS:SA (namespaced: not enough for TokenReview). */
  bindRoleInNamespace(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(() =>
      this.rbac.createNamespacedRoleBinding({
        namespace: sa.namespace,
        body: {
          metadata: { name: bindingName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
          subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }],
        },
      }),
    );
  }

  /** kubectl delete rolebinding NAME -n NS */
  unbindRoleInNamespace(bindingName: string, namespace: string) {
    return deleteIfPresent(() => this.rbac.deleteNamespacedRoleBinding({ name: bindingName, namespace }));
  }

  /** kubectl auth can-i create tokenreviews --as=system:serviceaccount:NS:SA (a SubjectAccessReview). */
  async canI(user: string, groups: string[], attrs: { verb: string; group: string; resource: string; namespace?: string }): Promise<V1SubjectAccessReviewStatus> {
    const review = await this.authz.createSubjectAccessReview({
      body: { spec: { user, groups, resourceAttributes: { verb: attrs.verb, group: attrs.group, resource: attrs.resource, namespace: attrs.namespace } } },
    });
    return review.status ?? { allowed: false };
  }

  /** kubectl delete namespace NAME (the namespace controller removes what is inside). */
  deleteNamespace(name: string) {
    return deleteIfPresent(() => this.core.deleteNamespace({ name }));
  }
}
