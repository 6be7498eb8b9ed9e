// What `workshop prepare` creates for each learner, as plain data: names, RBAC rules and the Vault policy.
// Pure, so the least-privilege design can be read and tested without a cluster.
import type { V1PolicyRule } from '@kubernetes/client-node';
import { LEARNER_LABEL, WORKSHOP_LABEL, WORKSHOP_VALUE, markerNamespace } from '../../backends/guard.js';
import { LabError } from '../../errors.js';
import { MAX_PREFIX_LENGTH, NOTEBOOK_BINDINGS, NOTEBOOK_CLUSTER_ROLES, NOTEBOOK_NAMESPACES, checkPrefix, labName } from '../names.js';

/** More learners than this on one cluster is a mistake in the count, not a workshop (and the dashboard polls each). */
export const MAX_LEARNERS = 50;
/** The learner's identity: this service account in their marker namespace. */
export const LEARNER_SA = 'learner';
/** Shared by every learner: full rights inside a namespace, granted per namespace through a RoleBinding. */
export const NAMESPACE_ROLE = 'auth-delegator-lab-workshop-namespace';
/** Shared by every learner: the cluster-wide rights the notebooks need, and no more. */
export const LEARNER_ROLE = 'auth-delegator-lab-workshop-learner';
/** Vault: the token role that may hand out learner policies, and the learners' policy names. */
export const TOKEN_ROLE = 'auth-delegator-lab-workshop';
export const POLICY_PREFIX = 'auth-delegator-lab-workshop-';

/** The labels on every object prepare creates; teardown selects by the first. */
export const labels = (prefix: string) => ({ [WORKSHOP_LABEL]: WORKSHOP_VALUE, [LEARNER_LABEL]: prefix });

/** `--learners N --prefix P` as learner prefixes P-01 … P-NN, refusing a count or prefix that cannot work. */
export function learnerPrefixes(count: number, base = 'learner'): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEARNERS) {
    throw new LabError(`--learners must be a whole number from 1 to ${MAX_LEARNERS}, not "${count}".`, `run e.g. \`npm run lab -- workshop prepare --learners 20\``);
  }
  const width = Math.max(2, String(count).length);
  if (base.length > MAX_PREFIX_LENGTH - width - 1) {
    throw new LabError(`--prefix "${base}" is longer than ${MAX_PREFIX_LENGTH - width - 1} characters, so "${base}-${'0'.repeat(width)}" would not fit.`, 'choose a shorter prefix, e.g. --prefix ws');
  }
  checkPrefix(base);
  return Array.from({ length: count }, (_, i) => checkPrefix(`${base}-${String(i + 1).padStart(width, '0')}`));
}

export interface LearnerPlan {
  prefix: string;
  /** The marker namespace, which holds the learner's service account. */
  home: string;
  /** home and the prefixed namespaces of every notebook. */
  namespaces: string[];
  /** ClusterRoleBinding names the learner may get and delete: the notebooks' bindings with the prefix. */
  bindings: string[];
  /** ClusterRole names the learner may get and delete: notebook 01's task role with the prefix. */
  clusterRoles: string[];
  /** The learner's own ClusterRole and ClusterRoleBindings (the shared role's binding and the bindings role). */
  ownRole: string;
  learnerBinding: string;
  policy: string;
}

export function learnerPlan(prefix: string): LearnerPlan {
  return {
    prefix,
    home: markerNamespace(prefix),
    namespaces: [markerNamespace(prefix), ...NOTEBOOK_NAMESPACES.map((ns) => labName(prefix, ns))],
    bindings: NOTEBOOK_BINDINGS.map((b) => labName(prefix, b)),
    clusterRoles: NOTEBOOK_CLUSTER_ROLES.map((r) => labName(prefix, r)),
    ownRole: `${prefix}-workshop-bindings`,
    learnerBinding: `${prefix}-workshop-learner`,
    policy: `${POLICY_PREFIX}${prefix}`,
  };
}

/** Everything, but only inside the namespaces it is bound in. */
export const NAMESPACE_RULES: V1PolicyRule[] = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];

/**
 * Cluster-wide: create ClusterRoleBindings, but bind only system:auth-delegator (RBAC's escalation check
 * refuses any other role), read that one ClusterRole, list bindings (notebooks 01, 02 and 04 show who is
 * bound), create TokenReviews and SubjectAccessReviews (what system:auth-delegator itself grants), and
 * list nodes (notebook 02 shows where a pod could run). Create on ClusterRoles, which notebook 01's task
 * needs: RBAC cannot limit create by name, but its escalation check refuses any role whose rules the learner
 * does not hold already, so the most a learner's role can grant is this list.
 */
export const LEARNER_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['list'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create', 'list'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['system:auth-delegator'], verbs: ['bind', 'get'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

/**
 * Get and delete on the learner's own binding names only, and on their own ClusterRole name: notebook 01's
 * task reads it (its check), and its reset deletes it.
 */
export const bindingRules = (plan: LearnerPlan): V1PolicyRule[] => [
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], resourceNames: plan.bindings, verbs: ['get', 'delete'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: plan.clusterRoles, verbs: ['get', 'delete'] },
];

/** The learner's Vault policy: their own auth mounts and nothing else (the default policy adds lookup-self). */
export function vaultPolicy(prefix: string): string {
  return [
    `# auth-delegator-lab workshop: learner ${prefix} manages auth mounts named ${prefix}-* and nothing else.`,
    `path "sys/auth/${prefix}-*" {`,
    `  capabilities = ["create", "read", "update", "delete", "sudo"]`,
    '}',
    `path "auth/${prefix}-*" {`,
    `  capabilities = ["create", "read", "update", "delete", "list"]`,
    '}',
    '# notebook 06 reads the entity a login made (by its id, which only that login returned)',
    'path "identity/entity/id/*" {',
    '  capabilities = ["read"]',
    '}',
    '',
  ].join('\n');
}
