// The Kubernetes half of `workshop prepare`: the host's namespace with the record, the shared roles, and per
// learner a set of namespaces (Pod Security `restricted`, a quota, a limit range), a service account and the
// RBAC of rules.ts. Every cluster-wide name is claimed through the record (claim.ts).
import type { V1ClusterRole, V1ClusterRoleBinding, V1Namespace, V1PolicyRule } from '@kubernetes/client-node';
import { LabError } from '../../errors.js';
import { createIfMissing, readIfPresent } from '../../kube/apis.js';
import type { Kube } from '../../kube/kube-client.js';
import { poll } from '../../poll.js';
import { Recorder } from './claim.js';
import {
  HOME_ROLE,
  HOST_NAMESPACE,
  LEARNER_ROLE,
  LEARNER_SA,
  NAMESPACE_ROLE,
  labels,
  type LearnerPlan,
} from './plan.js';
import { emptyRecord, readRecord, recorded, squatted } from './host-record.js';
import {
  HOME_RULES,
  LEARNER_RULES,
  LIMITS_NAME,
  LIMIT_RANGE,
  NAMESPACE_RULES,
  POD_SECURITY_LABELS,
  QUOTA,
  bindingRules,
} from './rights.js';

const RBAC = 'rbac.authorization.k8s.io';

/** The record of an earlier prepare, or a new one in a new host namespace. */
export async function openRecord(kube: Kube, hours: number): Promise<Recorder> {
  const existing = await readRecord(kube);
  if (existing) return new Recorder(kube, existing);
  const recorder = new Recorder(kube, emptyRecord(hours));
  await claimNamespace(recorder, HOST_NAMESPACE, '', labels(''));
  return recorder;
}

function claimNamespace(rec: Recorder, name: string, learner: string, nsLabels: Record<string, string>) {
  return rec.claim<V1Namespace>({
    kind: 'Namespace',
    name,
    learner,
    create: async () => (await rec.kube.api).core.createNamespace({ body: { metadata: { name, labels: nsLabels } } }),
    read: async () => (await rec.kube.api).core.readNamespace({ name }),
  });
}

function claimClusterRole(rec: Recorder, name: string, rules: V1PolicyRule[], learner: string) {
  return rec.claim<V1ClusterRole>({
    kind: 'ClusterRole',
    name,
    learner,
    create: async () =>
      (await rec.kube.api).rbac.createClusterRole({ body: { metadata: { name, labels: labels(learner) }, rules } }),
    read: async () => (await rec.kube.api).rbac.readClusterRole({ name }),
  });
}

function claimBinding(rec: Recorder, name: string, role: string, plan: LearnerPlan) {
  const body = {
    metadata: { name, labels: labels(plan.prefix) },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects: [subject(plan)],
  };
  return rec.claim<V1ClusterRoleBinding>({
    kind: 'ClusterRoleBinding',
    name,
    learner: plan.prefix,
    create: async () => (await rec.kube.api).rbac.createClusterRoleBinding({ body }),
    read: async () => (await rec.kube.api).rbac.readClusterRoleBinding({ name }),
  });
}

const subject = (plan: LearnerPlan) => ({ kind: 'ServiceAccount', name: LEARNER_SA, namespace: plan.home });

/** The three ClusterRoles every learner shares. */
export async function ensureSharedRoles(rec: Recorder): Promise<void> {
  await claimClusterRole(rec, NAMESPACE_ROLE, NAMESPACE_RULES, '');
  await claimClusterRole(rec, HOME_ROLE, HOME_RULES, '');
  await claimClusterRole(rec, LEARNER_ROLE, LEARNER_RULES, '');
}

/**
 * Refuses a learner whose names are taken before anything is made for them: a namespace of theirs, or any
 * ClusterRole or ClusterRoleBinding under their prefix, which they alone may make once prepared.
 */
export async function checkPrefixFree(kube: Kube, plan: LearnerPlan): Promise<void> {
  const { core, rbac } = await kube.api;
  const fix = `choose another --prefix, or remove it if it is a leftover of an earlier workshop`;
  for (const name of plan.namespaces) {
    const ns = await readIfPresent(() => core.readNamespace({ name }));
    if (ns) throw squatted(`Namespace ${name}`, ns.metadata, fix);
  }
  const taken = [
    ...(await rbac.listClusterRole()).items.map((o) => ['ClusterRole', o] as const),
    ...(await rbac.listClusterRoleBinding()).items.map((o) => ['ClusterRoleBinding', o] as const),
  ];
  const [kind, object] = taken.find(([, o]) => (o.metadata?.name ?? '').startsWith(`${plan.prefix}-`)) ?? [];
  if (kind && object)
    throw squatted(`${kind} ${object.metadata?.name} (under learner prefix ${plan.prefix}-)`, object.metadata, fix);
}

/** Creates what is missing for one learner and returns the UID of their marker namespace. */
export async function ensureLearner(rec: Recorder, plan: LearnerPlan): Promise<string> {
  const { core, rbac } = await rec.kube.api;
  for (const namespace of plan.namespaces) {
    await claimNamespace(rec, namespace, plan.prefix, { ...labels(plan.prefix), ...POD_SECURITY_LABELS });
    const role = namespace === plan.home ? HOME_ROLE : NAMESPACE_ROLE;
    const metadata = { name: 'workshop-learner', labels: labels(plan.prefix) };
    await createIfMissing(() =>
      rbac.createNamespacedRoleBinding({
        namespace,
        body: { metadata, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects: [subject(plan)] },
      }),
    );
    const limits = { name: LIMITS_NAME, labels: labels(plan.prefix) };
    await createIfMissing(() =>
      core.createNamespacedResourceQuota({ namespace, body: { metadata: limits, spec: QUOTA } }),
    );
    await createIfMissing(() =>
      core.createNamespacedLimitRange({ namespace, body: { metadata: limits, spec: LIMIT_RANGE } }),
    );
  }
  await createIfMissing(() =>
    core.createNamespacedServiceAccount({
      namespace: plan.home,
      body: { metadata: { name: LEARNER_SA, labels: labels(plan.prefix) } },
    }),
  );
  await claimBinding(rec, plan.learnerBinding, LEARNER_ROLE, plan);
  await claimClusterRole(rec, plan.ownRole, bindingRules(plan), plan.prefix);
  await claimBinding(rec, plan.ownRole, plan.ownRole, plan);
  return recorded(rec.record, 'Namespace', plan.home)?.uid ?? '';
}

/** `kubectl create token learner -n PREFIX-workshop --duration Nh`: the learner's credential. */
export function learnerToken(kube: Kube, plan: LearnerPlan, hours: number): Promise<string> {
  return kube.requestToken({ namespace: plan.home, name: LEARNER_SA }, { expirationSeconds: hours * 3600 });
}

/**
 * Waits until the quota controller has counted each learner namespace's quota: until it has, the API server
 * refuses every object the quota covers ("status unknown for quota").
 */
export async function awaitQuotas(kube: Kube, plans: readonly LearnerPlan[], timeoutMs = 60_000): Promise<void> {
  const { core } = await kube.api;
  const namespaces = plans.flatMap((p) => p.namespaces);
  const uncounted = async () => {
    const left: string[] = [];
    for (const namespace of namespaces) {
      const quota = await readIfPresent(() => core.readNamespacedResourceQuota({ name: LIMITS_NAME, namespace }));
      if (!quota?.status?.hard) left.push(namespace);
    }
    return left;
  };
  let left: string[] = [];
  await poll(async () => ((left = await uncounted()).length === 0 ? true : undefined), {
    timeoutMs,
    intervalMs: 250,
    timedOut: () =>
      new LabError(
        `The quota in ${left.join(', ')} has no status ${timeoutMs / 1000} s after prepare made it.`,
        'check that kube-controller-manager runs its resourcequota controller',
      ),
  });
}
