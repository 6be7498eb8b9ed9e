// RBAC as the lab teaches it: who is bound to a ClusterRole, binding and unbinding, and `kubectl auth can-i`.
import type { V1ClusterRole, V1SubjectAccessReviewStatus } from './models.js';
import { createIfMissing, deleteIfPresent, KubeApis } from './apis.js';
import { serviceAccountGroups, serviceAccountUser, type ServiceAccountRef } from './tokens.js';

/** What `kubectl auth can-i VERB RESOURCE [NAME] [-n NS]` asks about. */
export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** What `kubectl auth can-i` answers: yes, or no with the authorizer's reason when it gives one. */
export function canIAnswer(status: { allowed: boolean; reason?: string }): string {
  return `${status.allowed ? 'yes' : 'no'}${status.reason ? `: ${status.reason}` : ''}`;
}

/** The RBAC calls of Kube (kube/client.ts), kept apart from tokens and pods. */
export class RbacCalls extends KubeApis {
  /** kubectl get clusterrolebindings,rolebindings -A, filtered to those that grant ROLE. */
  async bindingsTo(clusterRole: string) {
    const [cluster, namespaced] = await Promise.all([(await this.api).rbac.listClusterRoleBinding(), this.roleBindings()]);
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

  /** kubectl get rolebindings -A, or, for an identity with a scope (a workshop learner), in each of its namespaces. */
  private async roleBindings() {
    const { rbac } = await this.api;
    if (!this.scope) return rbac.listRoleBindingForAllNamespaces();
    const lists = await Promise.all(this.scope.map((namespace) => rbac.listNamespacedRoleBinding({ namespace })));
    return { items: lists.flatMap((l) => l.items) };
  }

  /** kubectl get clusterrole NAME -o yaml */
  async getClusterRole(name: string): Promise<V1ClusterRole> {
    return (await this.api).rbac.readClusterRole({ name });
  }

  /** kubectl create clusterrole NAME --verb=VERBS --resource=RESOURCES.GROUP (or kubectl create -f role.yaml) */
  async createClusterRole(role: V1ClusterRole): Promise<V1ClusterRole> {
    return (await this.api).rbac.createClusterRole({ body: role });
  }

  /** kubectl delete clusterrole NAME --ignore-not-found */
  deleteClusterRole(name: string) {
    return deleteIfPresent(async () => (await this.api).rbac.deleteClusterRole({ name }));
  }

  /** kubectl create clusterrolebinding NAME --clusterrole=ROLE --serviceaccount=NS:SA */
  async bindClusterRole(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(async () =>
      (await this.api).rbac.createClusterRoleBinding({
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
    return deleteIfPresent(async () => (await this.api).rbac.deleteClusterRoleBinding({ name: bindingName }));
  }

  /** kubectl create rolebinding NAME -n NS --clusterrole=ROLE --serviceaccount=NS:SA (namespaced: not enough for TokenReview). */
  async bindRoleInNamespace(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(async () =>
      (await this.api).rbac.createNamespacedRoleBinding({
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
    return deleteIfPresent(async () => (await this.api).rbac.deleteNamespacedRoleBinding({ name: bindingName, namespace }));
  }

  /** kubectl auth can-i create tokenreviews --as=system:serviceaccount:NS:SA (a SubjectAccessReview). */
  async canI(user: string, groups: string[], attrs: ResourceAttributes): Promise<V1SubjectAccessReviewStatus> {
    const { verb, group, resource, namespace, name } = attrs;
    const review = await (await this.api).authz.createSubjectAccessReview({
      body: { spec: { user, groups, resourceAttributes: { verb, group, resource, namespace, name } } },
    });
    return review.status ?? { allowed: false };
  }

  /** kubectl auth can-i VERB RESOURCE [-n NS] --as=system:serviceaccount:NS:SA, with the account's groups, as the API server sees it. */
  canAs(sa: ServiceAccountRef, attrs: ResourceAttributes): Promise<V1SubjectAccessReviewStatus> {
    return this.canI(serviceAccountUser(sa), serviceAccountGroups(sa), attrs);
  }
}
