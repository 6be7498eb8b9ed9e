// Notebook 03's task, the bindings side: the account it binds, the binding it asks for, and the clean-up of every
// binding that names the account (the solution's and the reset's), wherever a wrong attempt put it.
import type { RbacV1Subject, V1ClusterRoleBinding } from '@kubernetes/client-node';
import { serviceAccountUser, type ServiceAccountRef } from '../../kube/tokens.js';
import type { Lab } from '../types.js';

export const worker = (lab: Lab): ServiceAccountRef => ({ namespace: lab.name('lab-review'), name: 'worker' });
export const bindingName = (lab: Lab) => lab.name('lab-review-worker-auth-delegator');

/** A subject that is worker itself: its ServiceAccount, or the user name its tokens authenticate as. */
export const namesWorker = (sa: ServiceAccountRef) => (s: RbacV1Subject) =>
  (s.kind === 'ServiceAccount' && s.name === sa.name && (s.namespace ?? '') === sa.namespace) ||
  (s.kind === 'User' && s.name === serviceAccountUser(sa));
/** A ServiceAccount subject called worker in some other namespace: another account. */
export const namesWorkerElsewhere = (sa: ServiceAccountRef) => (s: RbacV1Subject) =>
  s.kind === 'ServiceAccount' && s.name === sa.name && (s.namespace ?? '') !== sa.namespace;

/** True for the one binding the task asks for: its name, system:auth-delegator, and worker alone. */
const isTheBinding = (lab: Lab, sa: ServiceAccountRef) => (b: V1ClusterRoleBinding) =>
  b.metadata?.name === bindingName(lab) &&
  b.roleRef.kind === 'ClusterRole' &&
  b.roleRef.name === 'system:auth-delegator' &&
  (b.subjects ?? []).length === 1 &&
  (b.subjects ?? []).every(namesWorker(sa));

/**
 * Deletes the bindings that name worker (here or in another namespace), but the one the task asks for when
 * keep is set; returns the kubectl commands that did the same.
 */
export async function deleteBindingsOf(lab: Lab, sa: ServiceAccountRef, keep = false): Promise<string[]> {
  const { rbac } = await lab.kube.api;
  const [cluster, namespaced] = await Promise.all([
    rbac.listClusterRoleBinding(),
    rbac.listNamespacedRoleBinding({ namespace: sa.namespace }),
  ]);
  const names = (s: RbacV1Subject) => namesWorker(sa)(s) || namesWorkerElsewhere(sa)(s);
  const done: string[] = [];
  for (const b of cluster.items.filter((x) => (x.subjects ?? []).some(names))) {
    if (keep && isTheBinding(lab, sa)(b)) continue;
    await lab.kube.unbindClusterRole(b.metadata?.name ?? '');
    done.push(`kubectl delete clusterrolebinding ${b.metadata?.name}`);
  }
  for (const b of namespaced.items.filter((x) => (x.subjects ?? []).some(names))) {
    await lab.kube.unbindRoleInNamespace(b.metadata?.name ?? '', sa.namespace);
    done.push(`kubectl -n ${sa.namespace} delete rolebinding ${b.metadata?.name}`);
  }
  return done;
}
