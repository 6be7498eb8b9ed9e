// The Kubernetes half of a workshop: per learner a set of namespaces, a service account and the RBAC of
// plan.ts, all labelled; teardown removes what carries the label, and the bindings learners made.
import type { V1ClusterRoleBinding, V1PolicyRule } from '@kubernetes/client-node';
import { WORKSHOP_LABEL, WORKSHOP_VALUE } from '../../backends/guard.js';
import { LabError } from '../../errors.js';
import { createIfMissing, deleteIfPresent } from '../../kube/apis.js';
import type { Kube } from '../../kube/client.js';
import { poll } from '../../poll.js';
import { LEARNER_ROLE, LEARNER_RULES, LEARNER_SA, NAMESPACE_ROLE, NAMESPACE_RULES, bindingRules, labels, type LearnerPlan } from './plan.js';

const SELECTOR = `${WORKSHOP_LABEL}=${WORKSHOP_VALUE}`;
const RBAC = 'rbac.authorization.k8s.io';

const clusterRole = (kube: Kube, name: string, rules: V1PolicyRule[], prefix: string) =>
  createIfMissing(async () => (await kube.api).rbac.createClusterRole({ body: { metadata: { name, labels: labels(prefix) }, rules } }));

const subject = (plan: LearnerPlan) => ({ kind: 'ServiceAccount', name: LEARNER_SA, namespace: plan.home });

function clusterBinding(kube: Kube, name: string, role: string, plan: LearnerPlan) {
  return createIfMissing(async () =>
    (await kube.api).rbac.createClusterRoleBinding({ body: { metadata: { name, labels: labels(plan.prefix) }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects: [subject(plan)] } }),
  );
}

/** The two ClusterRoles every learner shares (labelled with an empty learner). */
export async function ensureSharedRoles(kube: Kube): Promise<void> {
  await clusterRole(kube, NAMESPACE_ROLE, NAMESPACE_RULES, '');
  await clusterRole(kube, LEARNER_ROLE, LEARNER_RULES, '');
}

/** Creates what is missing for one learner and returns the UID of their marker namespace. */
export async function ensureLearner(kube: Kube, plan: LearnerPlan): Promise<string> {
  const { core, rbac } = await kube.api;
  for (const namespace of plan.namespaces) {
    await createIfMissing(() => core.createNamespace({ body: { metadata: { name: namespace, labels: labels(plan.prefix) } } }));
    await createIfMissing(() =>
      rbac.createNamespacedRoleBinding({
        namespace,
        body: { metadata: { name: 'workshop-learner', labels: labels(plan.prefix) }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: NAMESPACE_ROLE }, subjects: [subject(plan)] },
      }),
    );
  }
  await createIfMissing(() => core.createNamespacedServiceAccount({ namespace: plan.home, body: { metadata: { name: LEARNER_SA, labels: labels(plan.prefix) } } }));
  await clusterBinding(kube, plan.learnerBinding, LEARNER_ROLE, plan);
  await clusterRole(kube, plan.ownRole, bindingRules(plan), plan.prefix);
  await clusterBinding(kube, plan.ownRole, plan.ownRole, plan);
  const home = await core.readNamespace({ name: plan.home });
  if (!home.metadata?.uid) throw new LabError(`Namespace ${plan.home} has no UID.`, 'check the API server');
  return home.metadata.uid;
}

/** `kubectl create token learner -n PREFIX-workshop --duration Nh`: the learner's credential. */
export function learnerToken(kube: Kube, plan: LearnerPlan, hours: number): Promise<string> {
  return kube.requestToken({ namespace: plan.home, name: LEARNER_SA }, { expirationSeconds: hours * 3600 });
}

/** A binding whose subjects all live in workshop namespaces: a learner's, whatever its name. */
function bindsLearners(binding: V1ClusterRoleBinding, namespaces: Set<string>): boolean {
  const subjects = binding.subjects ?? [];
  return subjects.length > 0 && subjects.every((s) => s.namespace !== undefined && namespaces.has(s.namespace));
}

/** The learner prefixes a cluster holds, read from the marker labels (teardown needs no roster). */
export async function preparedNamespaces(kube: Kube): Promise<Array<{ name: string; learner: string }>> {
  const list = await (await kube.api).core.listNamespace({ labelSelector: SELECTOR });
  return list.items.map((ns) => ({ name: ns.metadata?.name ?? '', learner: ns.metadata?.labels?.['auth-delegator-lab/learner'] ?? '' }));
}

/**
 * Deletes every labelled object, and the ClusterRoles and bindings learners made (which carry no label of
 * ours): those under a learner's prefix, the only names the admission policy lets a learner create, and
 * bindings of workshop namespaces' subjects; waits until the namespaces are gone.
 */
export async function kubeTeardown(kube: Kube, plans: readonly LearnerPlan[], timeoutMs = 180_000): Promise<string[]> {
  const { core, rbac } = await kube.api;
  const removed: string[] = [];
  const namespaces = new Set((await preparedNamespaces(kube)).map((n) => n.name));
  const ours = (object: { metadata?: { name?: string; labels?: Record<string, string> } }) =>
    object.metadata?.labels?.[WORKSHOP_LABEL] === WORKSHOP_VALUE || plans.some((p) => (object.metadata?.name ?? '').startsWith(`${p.prefix}-`));
  // A learner's notebook bindings (plan.bindings) all carry their prefix, so `ours` covers them.
  for (const b of (await rbac.listClusterRoleBinding()).items) {
    const name = b.metadata?.name ?? '';
    if (ours(b) || bindsLearners(b, namespaces)) {
      await deleteIfPresent(() => rbac.deleteClusterRoleBinding({ name }));
      removed.push(`clusterrolebinding ${name}`);
    }
  }
  for (const role of (await rbac.listClusterRole()).items.filter(ours)) {
    const name = role.metadata?.name ?? '';
    await deleteIfPresent(() => rbac.deleteClusterRole({ name }));
    removed.push(`clusterrole ${name}`);
  }
  for (const name of namespaces) {
    await deleteIfPresent(() => core.deleteNamespace({ name }));
    removed.push(`namespace ${name}`);
  }
  await poll(async () => ((await core.listNamespace({ labelSelector: SELECTOR })).items.length === 0 ? true : undefined), {
    timeoutMs,
    intervalMs: 500,
    timedOut: () => new LabError(`The workshop's namespaces were still terminating after ${timeoutMs / 1000}s.`, 'check that kube-controller-manager runs (its namespace controller empties them), then run teardown again'),
  });
  return removed;
}
