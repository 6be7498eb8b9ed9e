// The workshop's admission policies on the cluster (their content is in policies.ts): made or brought up to
// date by prepare, proven enforced before any learner gets a bundle, and removed by teardown.
// ValidatingAdmissionPolicy is admissionregistration.k8s.io/v1, on by default since Kubernetes 1.30.
import { createHash } from 'node:crypto';
import type { V1ValidatingAdmissionPolicy, V1ValidatingAdmissionPolicyBinding } from '@kubernetes/client-node';
import { LabError } from '../../errors.js';
import { isStatus } from '../../kube/apis.js';
import { Kube } from '../../kube/kube-client.js';
import { loadKubeconfig } from '../../kube/kubeconfig.js';
import { repeat } from '../../poll.js';
import type { Recorder } from './claim.js';
import type { LearnerPlan } from './plan.js';
import { POLICY_NAMES, policyBinding, workshopPolicies } from './policies.js';

const admissionApi = async (kube: Kube) => {
  const { lib, config } = await kube.api;
  return config.makeApiClient(lib.AdmissionregistrationV1Api);
};

/** The annotation that holds a digest of the spec prepare wrote, so a run that changes nothing rewrites nothing. */
const SPEC_DIGEST = 'auth-delegator-lab/spec-sha256';
const digest = (spec: unknown) => createHash('sha256').update(JSON.stringify(spec)).digest('hex');

/**
 * `kubectl apply` of every policy and its binding for the record's learners; a policy that exists is rewritten to
 * match.
 */
export async function ensurePolicies(rec: Recorder): Promise<void> {
  const api = await admissionApi(rec.kube);
  for (const policy of workshopPolicies(rec.record.learners, rec.record.hours)) {
    const name = policy.metadata?.name ?? '';
    const body = { ...policy, metadata: { ...policy.metadata, annotations: { [SPEC_DIGEST]: digest(policy.spec) } } };
    try {
      await rec.claim<V1ValidatingAdmissionPolicy>({
        kind: 'ValidatingAdmissionPolicy',
        name,
        learner: '',
        create: () => api.createValidatingAdmissionPolicy({ body }),
        read: () => api.readValidatingAdmissionPolicy({ name }),
        update: async (current) => {
          if (current.metadata?.annotations?.[SPEC_DIGEST] === body.metadata.annotations[SPEC_DIGEST]) return current;
          return api.replaceValidatingAdmissionPolicy({
            name,
            body: { ...body, metadata: { ...body.metadata, resourceVersion: current.metadata?.resourceVersion } },
          });
        },
      });
    } catch (cause) {
      if (!isStatus(cause, 404)) throw cause;
      throw new LabError(
        'POST /apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies answered 404: this cluster does not ' +
          'serve ValidatingAdmissionPolicy, which Kubernetes 1.30 made generally available.',
        'run the workshop on a cluster of Kubernetes 1.30 or newer (`kubectl version` shows the server)',
        { cause },
      );
    }
    const binding = policyBinding(name);
    await rec.claim<V1ValidatingAdmissionPolicyBinding>({
      kind: 'ValidatingAdmissionPolicyBinding',
      name,
      learner: '',
      create: () => api.createValidatingAdmissionPolicyBinding({ body: binding }),
      read: () => api.readValidatingAdmissionPolicyBinding({ name }),
    });
  }
}

/**
 * Deletes each recorded binding, then its policy, only where the UID is still the recorded one; returns what went.
 */
export async function removePolicies(rec: Recorder): Promise<string[]> {
  const api = await admissionApi(rec.kube);
  const removed: string[] = [];
  for (const kind of ['ValidatingAdmissionPolicyBinding', 'ValidatingAdmissionPolicy'] as const) {
    for (const object of rec.record.objects.filter((o) => o.kind === kind)) {
      const body = { preconditions: { uid: object.uid } };
      const remove =
        kind === 'ValidatingAdmissionPolicy'
          ? () => api.deleteValidatingAdmissionPolicy({ name: object.name, body })
          : () => api.deleteValidatingAdmissionPolicyBinding({ name: object.name, body });
      try {
        await remove();
        removed.push(`${kind.toLowerCase()} ${object.name}`);
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    }
  }
  return removed;
}

/** A learner's request that one policy must refuse, made as a dry run: nothing is written either way. */
function probes(kube: Kube, plan: LearnerPlan, hours: number): Array<[string, () => Promise<unknown>]> {
  const api = () => kube.api;
  return [
    [
      POLICY_NAMES.rbac,
      async () =>
        (await api()).rbac.createClusterRole({
          body: { metadata: { name: 'auth-delegator-lab-probe' }, rules: [] },
          dryRun: 'All',
        }),
    ],
    [
      POLICY_NAMES.objects,
      async () =>
        (await api()).core.patchNamespace({
          name: plan.working,
          body: [{ op: 'add', path: '/metadata/labels/auth-delegator-lab~1learner', value: 'probe' }],
          dryRun: 'All',
        }),
    ],
    [
      POLICY_NAMES.tokens,
      async () =>
        (await api()).core.createNamespacedServiceAccountToken({
          name: 'default',
          namespace: plan.working,
          body: { spec: { audiences: [], expirationSeconds: hours * 3600 + 60 } },
          dryRun: 'All',
        }),
    ],
  ];
}

/**
 * Waits until the API server enforces every policy (it compiles a new or changed policy a moment after the
 * write): each of a learner's probes must be refused by its policy, by name.
 */
export async function awaitPolicies(
  learnerKubeconfig: string,
  plan: LearnerPlan,
  hours: number,
  timeoutMs = 30_000,
): Promise<void> {
  const kube = new Kube(loadKubeconfig({ text: learnerKubeconfig }));
  for (const [policy, probe] of probes(kube, plan, hours)) {
    const refused = async () => {
      try {
        await probe();
        return false;
      } catch (error) {
        // RBAC may still be catching up with the learner's new bindings: any other refusal means "not yet".
        if (isStatus(error, 403) || isStatus(error, 422))
          return JSON.stringify((error as { body?: unknown }).body).includes(policy);
        throw error;
      }
    };
    if (!(await repeat(refused, (done) => done, { timeoutMs, intervalMs: 250 })).done) {
      throw new LabError(
        `The API server still lets a learner through the ValidatingAdmissionPolicy ${policy} ${timeoutMs / 1000} s ` +
          `after it was written.`,
        'check that the API server runs Kubernetes 1.30 or newer with the ValidatingAdmissionPolicy admission ' +
          'plugin (`kubectl get validatingadmissionpolicies`)',
      );
    }
  }
}
