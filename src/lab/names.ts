// Every cluster-wide or Vault-wide name a notebook creates goes through labName(): namespaces,
// ClusterRoleBindings, Vault auth mounts. Alone on a laptop the prefix is empty and the names are the
// ones the text uses (lab-review, lab-review-app-auth-delegator, kubernetes). Several learners sharing
// one cluster and Vault each get a prefix, so their objects never meet. Names inside a learner's own
// namespace or mount (a service account, a Vault role) need no prefix.
import { LabError } from '../errors.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Room left for the longest base name a notebook uses, so prefix-base stays a valid 63-character label. */
export const MAX_PREFIX_LENGTH = 20;

/** Throws unless `prefix` is empty or a short DNS label (RFC 1123), naming the rule it breaks. */
export function checkPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  if (prefix.length > MAX_PREFIX_LENGTH || !DNS_LABEL.test(prefix)) {
    throw new LabError(
      `The learner prefix "${prefix}" is not a DNS label of at most ${MAX_PREFIX_LENGTH} characters.`,
      'use lower-case letters, digits and "-", starting and ending with a letter or digit (e.g. "ada" or ' +
        '"learner-07")',
    );
  }
  return prefix;
}

/** The name a notebook's `base` name gets for this learner: `base` alone, or `prefix-base`. */
export function labName(prefix: string, base: string): string {
  return prefix === '' ? base : `${checkPrefix(prefix)}-${base}`;
}

/** The namespaces the notebooks create, by their solo names: a workshop prepares each one per learner. */
export const NOTEBOOK_NAMESPACES = [
  'lab-fast',
  'lab-tokens',
  'lab-review',
  'lab-vault',
  'lab-vault-other',
  'lab-trouble',
  'lab-challenge',
  'lab-beyond',
  'lab-incident',
] as const;

/**
 * The ClusterRoleBindings the notebooks create and delete, by their solo names: a learner may get and delete only
 * these.
 */
export const NOTEBOOK_BINDINGS = [
  'lab-fast-app-auth-delegator',
  'lab-review-app-auth-delegator',
  'lab-review-worker-auth-delegator',
  'lab-vault-app-auth-delegator',
  'lab-vault-reviewer-auth-delegator',
  'lab-trouble-app-auth-delegator',
  'lab-challenge-app-auth-delegator',
  'lab-beyond-reviewer-auth-delegator',
  'lab-incident-reviewer-auth-delegator',
] as const;

/**
 * The ClusterRoles the notebooks read and delete, by their solo names (notebook 01's task): a learner may get and
 * delete only these.
 */
export const NOTEBOOK_CLUSTER_ROLES = ['lab-tokenreviewer'] as const;

/** The Vault auth mounts the notebooks enable, write and disable, by their solo names. */
export const NOTEBOOK_MOUNTS = [
  'kubernetes',
  'kubernetes-trouble',
  'kubernetes-challenge',
  'kubernetes-beyond',
  'jwt-beyond',
  'kubernetes-incident',
] as const;
