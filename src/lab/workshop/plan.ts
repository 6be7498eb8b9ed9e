// What `workshop prepare` creates for each learner, as plain data: the learners' prefixes and the names of
// everything made for them. Pure, so the design can be read and tested without a cluster; the rights
// themselves are in rules.ts (Kubernetes), vault-policy.ts (Vault) and policies.ts (admission).
import { LEARNER_LABEL, WORKSHOP_LABEL, WORKSHOP_VALUE, markerNamespace } from '../../backends/existing/guard.js';
import { LabError } from '../../errors.js';
import {
  MAX_PREFIX_LENGTH,
  NOTEBOOK_BINDINGS,
  NOTEBOOK_CLUSTER_ROLES,
  NOTEBOOK_NAMESPACES,
  checkPrefix,
  labName,
} from '../names.js';

/**
 * More learners than this on one cluster is a mistake in the count, not a workshop (and the dashboard polls each).
 */
export const MAX_LEARNERS = 50;
/** The learner's identity: this service account in their marker namespace. */
export const LEARNER_SA = 'learner';
/** Shared by every learner: what the notebooks do inside a learner's namespace, granted there by a RoleBinding. */
export const NAMESPACE_ROLE = 'auth-delegator-lab-workshop-namespace';
/** Shared by every learner: read-only access to their marker namespace, which the guard reads. */
export const HOME_ROLE = 'auth-delegator-lab-workshop-home';
/** Shared by every learner: the cluster-wide rights the notebooks need, and no more. */
export const LEARNER_ROLE = 'auth-delegator-lab-workshop-learner';
/** The host's namespace: it holds the workshop's record, and no learner has any right in it. */
export const HOST_NAMESPACE = 'auth-delegator-lab-workshop';
/** Vault: the token role that may hand out learner policies, and the learners' policy names. */
export const TOKEN_ROLE = 'auth-delegator-lab-workshop';
export const POLICY_PREFIX = 'auth-delegator-lab-workshop-';
/** How long the learners' credentials last unless the host says otherwise. */
export const DEFAULT_HOURS = 12;

/** The labels on every object prepare creates: for people reading the cluster. Teardown reads the record instead. */
export const labels = (prefix: string) => ({ [WORKSHOP_LABEL]: WORKSHOP_VALUE, [LEARNER_LABEL]: prefix });

/** `--learners N --prefix P` as learner prefixes P-01 … P-NN, refusing a count or prefix that cannot work. */
export function learnerPrefixes(count: number, base = 'learner'): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEARNERS) {
    throw new LabError(
      `--learners must be a whole number from 1 to ${MAX_LEARNERS}, not "${count}".`,
      `run e.g. \`npm run lab -- workshop prepare --learners 20\``,
    );
  }
  const width = Math.max(2, String(count).length);
  if (base.length > MAX_PREFIX_LENGTH - width - 1) {
    throw new LabError(
      `--prefix "${base}" is longer than ${MAX_PREFIX_LENGTH - width - 1} characters, so ` +
        `"${base}-${'0'.repeat(width)}" would not fit.`,
      'choose a shorter prefix, e.g. --prefix ws',
    );
  }
  checkPrefix(base);
  return Array.from({ length: count }, (_, i) => checkPrefix(`${base}-${String(i + 1).padStart(width, '0')}`));
}

/**
 * Throws when one learner's prefix followed by "-" begins another's (ws-01 and ws-01-02): every right a
 * learner holds is "names under PREFIX-", so the first would reach the second's objects.
 */
export function checkNoOverlap(prefixes: readonly string[]): void {
  for (const a of prefixes) {
    const b = prefixes.find((other) => other !== a && other.startsWith(`${a}-`));
    if (b) {
      throw new LabError(
        `Learner prefix "${b}" begins with learner prefix "${a}-", so learner ${a} could reach everything of ${b}'s.`,
        `choose a --prefix that does not begin with "${a}-"`,
      );
    }
  }
}

export interface LearnerPlan {
  prefix: string;
  /** The marker namespace, which holds the learner's service account. */
  home: string;
  /** The prefixed namespaces of the notebooks, where the learner works. */
  notebookNamespaces: string[];
  /** home and notebookNamespaces. */
  namespaces: string[];
  /** The namespace the learner's kubeconfig context names, so a bare `kubectl create sa x` lands somewhere it may. */
  working: string;
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
  const notebookNamespaces = NOTEBOOK_NAMESPACES.map((ns) => labName(prefix, ns));
  return {
    prefix,
    home: markerNamespace(prefix),
    notebookNamespaces,
    namespaces: [markerNamespace(prefix), ...notebookNamespaces],
    working: labName(prefix, 'lab-review'),
    bindings: NOTEBOOK_BINDINGS.map((b) => labName(prefix, b)),
    clusterRoles: NOTEBOOK_CLUSTER_ROLES.map((r) => labName(prefix, r)),
    ownRole: `${prefix}-workshop-bindings`,
    learnerBinding: `${prefix}-workshop-learner`,
    policy: `${POLICY_PREFIX}${prefix}`,
  };
}

/** The suffixes that make a learner's namespaces out of their prefix (`P-workshop`, `P-lab-tokens`, …). */
export const NAMESPACE_SUFFIXES: readonly string[] = learnerPlan('p').namespaces.map((ns) => ns.slice('p-'.length));
