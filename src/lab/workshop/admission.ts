// The workshop's admission policy: a learner creates ClusterRoles and ClusterRoleBindings only under their own
// prefix. RBAC cannot limit create by name, so without it one learner could take a name that another
// learner's notebook creates next, and teardown could not tell what a learner made. A ValidatingAdmissionPolicy
// (admissionregistration.k8s.io/v1, on by default since Kubernetes 1.30) checks the name in the API server.
import { KubeConfig, type V1ValidatingAdmissionPolicy, type V1ValidatingAdmissionPolicyBinding } from '@kubernetes/client-node';
import { MARKER_SUFFIX } from '../../backends/guard.js';
import { LabError } from '../../errors.js';
import { createIfMissing, deleteIfPresent, isStatus } from '../../kube/apis.js';
import { Kube } from '../../kube/client.js';
import { repeat } from '../../poll.js';
import { LEARNER_SA, labels } from './plan.js';

/** The policy's name, and its binding's. */
export const NAME_POLICY = 'auth-delegator-lab-workshop-names';

/**
 * Pure: matches creates by a learner (the service account LEARNER_SA in a namespace PREFIX-workshop), reads
 * the prefix out of the user name, and refuses a name that does not start with "PREFIX-".
 */
export function namePolicy(): V1ValidatingAdmissionPolicy {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: NAME_POLICY, labels: labels('') },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['*'], operations: ['CREATE'], resources: ['clusterroles', 'clusterrolebindings'] }],
      },
      matchConditions: [
        {
          name: 'workshop-learner',
          expression: `request.userInfo.username.startsWith('system:serviceaccount:') && request.userInfo.username.endsWith('${MARKER_SUFFIX}:${LEARNER_SA}')`,
        },
      ],
      variables: [
        { name: 'home', expression: "request.userInfo.username.split(':')[2]" },
        { name: 'prefix', expression: `variables.home.substring(0, variables.home.size() - ${MARKER_SUFFIX.length})` },
      ],
      validations: [
        {
          expression: "object.metadata.name.startsWith(variables.prefix + '-')",
          messageExpression: "'learner ' + variables.prefix + ' may create ' + request.resource.resource + ' only under their prefix: ' + variables.prefix + '-' + object.metadata.name + ', not ' + object.metadata.name",
          reason: 'Forbidden',
        },
      ],
    },
  };
}

export function namePolicyBinding(): V1ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: NAME_POLICY, labels: labels('') },
    spec: { policyName: NAME_POLICY, validationActions: ['Deny'] },
  };
}

const admissionApi = async (kube: Kube) => {
  const { lib, config } = await kube.api;
  return config.makeApiClient(lib.AdmissionregistrationV1Api);
};

/** `kubectl apply` of the policy and its binding; what exists is kept. */
export async function ensureNamePolicy(kube: Kube): Promise<void> {
  const api = await admissionApi(kube);
  try {
    await createIfMissing(() => api.createValidatingAdmissionPolicy({ body: namePolicy() }));
  } catch (cause) {
    if (!isStatus(cause, 404)) throw cause;
    throw new LabError(
      'POST /apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies answered 404: this cluster does not serve ValidatingAdmissionPolicy, which Kubernetes 1.30 made generally available.',
      'run the workshop on a cluster of Kubernetes 1.30 or newer (`kubectl version` shows the server)',
      { cause },
    );
  }
  await createIfMissing(() => api.createValidatingAdmissionPolicyBinding({ body: namePolicyBinding() }));
}

/** Deletes the binding, then the policy; returns what was there. */
export async function removeNamePolicy(kube: Kube): Promise<string[]> {
  const api = await admissionApi(kube);
  const removed: string[] = [];
  if ((await deleteIfPresent(() => api.deleteValidatingAdmissionPolicyBinding({ name: NAME_POLICY }))) === 'deleted') removed.push(`validatingadmissionpolicybinding ${NAME_POLICY}`);
  if ((await deleteIfPresent(() => api.deleteValidatingAdmissionPolicy({ name: NAME_POLICY }))) === 'deleted') removed.push(`validatingadmissionpolicy ${NAME_POLICY}`);
  return removed;
}

/**
 * Waits until the API server enforces the policy (it compiles a new policy a moment after the create): a
 * learner's dry-run create of a ClusterRole without their prefix must be refused by it.
 */
export async function awaitNamePolicy(learnerKubeconfig: string, timeoutMs = 30_000): Promise<void> {
  const config = new KubeConfig();
  config.loadFromString(learnerKubeconfig);
  const { rbac } = await new Kube(config).api;
  const body = { metadata: { name: `${NAME_POLICY}-probe` }, rules: [] };
  const refused = async () => {
    try {
      await rbac.createClusterRole({ body, dryRun: 'All' });
      return false;
    } catch (error) {
      // RBAC may still be catching up with the learner's new bindings: any other 403 means "not yet".
      if (isStatus(error, 403)) return JSON.stringify((error as { body?: unknown }).body).includes(NAME_POLICY);
      throw error;
    }
  };
  if (!(await repeat(refused, (done) => done, { timeoutMs, intervalMs: 250 })).done) {
    throw new LabError(
      `The API server still lets a learner create a ClusterRole without their prefix ${timeoutMs / 1000} s after the ValidatingAdmissionPolicy ${NAME_POLICY} was made.`,
      'check that the API server runs Kubernetes 1.30 or newer with the ValidatingAdmissionPolicy admission plugin (`kubectl get validatingadmissionpolicies`)',
    );
  }
}
