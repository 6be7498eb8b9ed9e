// RBAC as the lab teaches it: who is bound to a ClusterRole, roles and bindings made and removed, and
// `kubectl auth can-i`. Each call takes the client's handle; Kube (kube-client.ts) offers them as its methods.
import { createIfMissing, deleteIfPresent, isStatus, type KubeHandle } from './apis.js';
import type { V1ClusterRole, V1PolicyRule, V1SubjectAccessReviewStatus } from './models.js';
import { serviceAccountGroups, serviceAccountUser, type ServiceAccountRef } from './tokens.js';

/** One permission, as RBAC and `kubectl auth can-i VERB RESOURCE [NAME] [-n NS]` name it. */
export interface Permission {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** `create tokenreviews.authentication.k8s.io`: what every bearer of Vault's TokenReview needs. */
export const CREATE_TOKENREVIEWS: Permission = {
  verb: 'create',
  group: 'authentication.k8s.io',
  resource: 'tokenreviews',
};

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const subjectOf = (sa: ServiceAccountRef) => ({ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace });

/** What `kubectl auth can-i` answers: yes, or no with the authorizer's reason when it gives one. */
export function canIAnswer(status: { allowed: boolean; reason?: string }): string {
  return `${status.allowed ? 'yes' : 'no'}${status.reason ? `: ${status.reason}` : ''}`;
}

/** kubectl get rolebindings -A, or, for an identity with a scope (a workshop learner), in each of its namespaces. */
async function roleBindings(h: KubeHandle) {
  const { rbac } = await h.api;
  if (!h.scope) return rbac.listRoleBindingForAllNamespaces();
  const lists = await Promise.all(h.scope.map((namespace) => rbac.listNamespacedRoleBinding({ namespace })));
  return { items: lists.flatMap((l) => l.items) };
}

/** kubectl get clusterrolebindings,rolebindings -A, filtered to those that grant ROLE. */
export async function bindingsTo(h: KubeHandle, clusterRole: string) {
  const [cluster, namespaced] = await Promise.all([(await h.api).rbac.listClusterRoleBinding(), roleBindings(h)]);
  const describe = (kind: string, b: (typeof cluster.items)[number] | (typeof namespaced.items)[number]) => ({
    kind,
    name: b.metadata?.namespace ? `${b.metadata.namespace}/${b.metadata?.name}` : b.metadata?.name,
    subjects: (b.subjects ?? []).map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`).join(', '),
  });
  return [
    ...cluster.items.filter((b) => b.roleRef.name === clusterRole).map((b) => describe('ClusterRoleBinding', b)),
    ...namespaced.items
      .filter((b) => b.roleRef.kind === 'ClusterRole' && b.roleRef.name === clusterRole)
      .map((b) => describe('RoleBinding', b)),
  ];
}

/** kubectl get clusterrole NAME -o yaml */
export async function getClusterRole(h: KubeHandle, name: string): Promise<V1ClusterRole> {
  return (await h.api).rbac.readClusterRole({ name });
}

/** kubectl create clusterrole NAME --verb=VERBS --resource=RESOURCES.GROUP (or kubectl create -f role.yaml) */
export async function createClusterRole(h: KubeHandle, role: V1ClusterRole): Promise<V1ClusterRole> {
  return (await h.api).rbac.createClusterRole({ body: role });
}

/** kubectl delete clusterrole NAME --ignore-not-found */
export function deleteClusterRole(h: KubeHandle, name: string) {
  return deleteIfPresent(async () => (await h.api).rbac.deleteClusterRole({ name }));
}

/** kubectl create clusterrolebinding NAME --clusterrole=ROLE --serviceaccount=NS:SA */
export function bindClusterRole(
  h: KubeHandle,
  bindingName: string,
  sa: ServiceAccountRef,
  clusterRole = 'system:auth-delegator',
) {
  return createIfMissing(async () =>
    (await h.api).rbac.createClusterRoleBinding({
      body: {
        metadata: { name: bindingName },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRole },
        subjects: [subjectOf(sa)],
      },
    }),
  );
}

/** kubectl delete clusterrolebinding NAME */
export function unbindClusterRole(h: KubeHandle, bindingName: string) {
  return deleteIfPresent(async () => (await h.api).rbac.deleteClusterRoleBinding({ name: bindingName }));
}

/**
 * kubectl create rolebinding NAME -n NS --clusterrole=ROLE --serviceaccount=NS:SA (namespaced: not enough for
 * TokenReview).
 */
export function bindRoleInNamespace(
  h: KubeHandle,
  bindingName: string,
  sa: ServiceAccountRef,
  clusterRole = 'system:auth-delegator',
) {
  return createIfMissing(async () =>
    (await h.api).rbac.createNamespacedRoleBinding({
      namespace: sa.namespace,
      body: {
        metadata: { name: bindingName },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRole },
        subjects: [subjectOf(sa)],
      },
    }),
  );
}

/** kubectl delete rolebinding NAME -n NS */
export function unbindRoleInNamespace(h: KubeHandle, bindingName: string, namespace: string) {
  return deleteIfPresent(async () => (await h.api).rbac.deleteNamespacedRoleBinding({ name: bindingName, namespace }));
}

/** A delete that finds nothing is done; any other failure is not. */
const absent = (error: unknown) => {
  if (!isStatus(error, 404)) throw error;
};

/**
 * `kubectl create role NAME -n NS --verb=... --resource=... --resource-name=...` plus a RoleBinding to the service
 * account.
 */
export async function grantInNamespace(
  h: KubeHandle,
  name: string,
  namespace: string,
  rules: V1PolicyRule[],
  who: ServiceAccountRef,
): Promise<'granted'> {
  const { rbac } = await h.api;
  const metadata = { name, namespace };
  await rbac.deleteNamespacedRole({ name, namespace }).catch(absent);
  await rbac.createNamespacedRole({ namespace, body: { metadata, rules } });
  await rbac.deleteNamespacedRoleBinding({ name, namespace }).catch(absent);
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: { metadata, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name }, subjects: [subjectOf(who)] },
  });
  return 'granted';
}

/** `kubectl delete role,rolebinding NAME -n NS --ignore-not-found` */
export async function revokeInNamespace(h: KubeHandle, name: string, namespace: string): Promise<'revoked'> {
  const { rbac } = await h.api;
  await rbac.deleteNamespacedRoleBinding({ name, namespace }).catch(absent);
  await rbac.deleteNamespacedRole({ name, namespace }).catch(absent);
  return 'revoked';
}

/**
 * `kubectl auth can-i create tokenreviews… --as=system:serviceaccount:NS:NAME`: the question the API server asks
 * of an account that sends a TokenReview, as a learner types it.
 */
export const canICommand = (sa: ServiceAccountRef) =>
  `kubectl auth can-i create tokenreviews.authentication.k8s.io --as=${serviceAccountUser(sa)}`;

/** kubectl auth can-i create tokenreviews --as=system:serviceaccount:NS:SA (a SubjectAccessReview). */
export async function canI(
  h: KubeHandle,
  user: string,
  groups: string[],
  attrs: Permission,
): Promise<V1SubjectAccessReviewStatus> {
  const { verb, group, resource, namespace, name } = attrs;
  const review = await (await h.api).authz.createSubjectAccessReview({
    body: { spec: { user, groups, resourceAttributes: { verb, group, resource, namespace, name } } },
  });
  return review.status ?? { allowed: false };
}

/**
 * kubectl auth can-i VERB RESOURCE [-n NS] --as=system:serviceaccount:NS:SA, with the account's groups, as the API
 * server sees it.
 */
export function canAs(h: KubeHandle, sa: ServiceAccountRef, attrs: Permission): Promise<V1SubjectAccessReviewStatus> {
  return canI(h, serviceAccountUser(sa), serviceAccountGroups(sa), attrs);
}
