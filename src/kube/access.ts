// Least privilege for Vault's Kubernetes auth: which identity needs which permission for a given Vault
// configuration (read from vault-plugin-auth-kubernetes v0.23.1), proved with SubjectAccessReviews.
import type { V1PolicyRule } from './models.js';
import { isStatus } from './apis.js';
import type { Kube } from './client.js';
import type { ServiceAccountRef } from './tokens.js';

/** One permission, as RBAC and `kubectl auth can-i VERB RESOURCE [NAME] -n NS` name it. */
export interface Permission {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** A permission a service account needs, and the plugin call that needs it. */
export interface Need extends Permission {
  who: ServiceAccountRef;
  why: string;
}

/** The parts of a Vault setup that decide which Kubernetes calls the plugin makes, and with whose token. */
export interface VaultSetup {
  /** The service account behind token_reviewer_jwt; undefined means each client's own JWT is the bearer. */
  tokenReviewer?: ServiceAccountRef;
  /** The service accounts that log in. */
  clients: ServiceAccountRef[];
  useAnnotationsAsAliasMetadata?: boolean;
  /** True when a role sets bound_service_account_namespace_selector. */
  namespaceSelector?: boolean;
}

/** A delete that finds nothing is done; any other failure is not. */
const absent = (error: unknown) => {
  if (!isStatus(error, 404)) throw error;
};

const TOKENREVIEWS: Permission = { verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' };

/**
 * What each identity needs, call by call: the TokenReview (token_review.go), the service account read for
 * alias metadata (service_account_getter.go) and the namespace read for a selector (namespace_validator.go).
 */
export function requiredAccess(setup: VaultSetup): Need[] {
  const bearers = setup.tokenReviewer ? [setup.tokenReviewer] : setup.clients;
  const needs: Need[] = bearers.map((who) => ({ who, ...TOKENREVIEWS, why: 'POST tokenreviews at every login' }));
  if (setup.useAnnotationsAsAliasMetadata) {
    for (const client of setup.clients) {
      const who = setup.tokenReviewer ?? client;
      needs.push({ who, verb: 'get', group: '', resource: 'serviceaccounts', namespace: client.namespace, name: client.name, why: 'use_annotations_as_alias_metadata' });
    }
  }
  if (setup.namespaceSelector) {
    // The plugin sends this request with token_reviewer_jwt only; without one the login is refused.
    const who = setup.tokenReviewer ?? { namespace: '(none)', name: 'token_reviewer_jwt required' };
    for (const ns of new Set(setup.clients.map((c) => c.namespace))) {
      needs.push({ who, verb: 'get', group: '', resource: 'namespaces', namespace: ns, name: ns, why: 'bound_service_account_namespace_selector' });
    }
  }
  return needs;
}

/** `kubectl auth can-i VERB RESOURCE [NAME] [-n NS] --as=system:serviceaccount:NS:SA`, as a SubjectAccessReview. */
export async function canServiceAccount(kube: Kube, who: ServiceAccountRef, p: Permission): Promise<{ allowed: boolean; reason: string }> {
  const status = await kube.canAs(who, p);
  return { allowed: status.allowed, reason: status.reason ?? '' };
}

/** `kubectl create role NAME -n NS --verb=... --resource=... --resource-name=...` plus a RoleBinding to the service account. */
export async function grantInNamespace(kube: Kube, name: string, namespace: string, rules: V1PolicyRule[], who: ServiceAccountRef): Promise<'granted'> {
  const metadata = { name, namespace };
  await (await kube.api).rbac.deleteNamespacedRole({ name, namespace }).catch(absent);
  await (await kube.api).rbac.createNamespacedRole({ namespace, body: { metadata, rules } });
  await (await kube.api).rbac.deleteNamespacedRoleBinding({ name, namespace }).catch(absent);
  await (await kube.api).rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: who.name, namespace: who.namespace }],
    },
  });
  return 'granted';
}

/** `kubectl delete role,rolebinding NAME -n NS --ignore-not-found` */
export async function revokeInNamespace(kube: Kube, name: string, namespace: string): Promise<'revoked'> {
  await (await kube.api).rbac.deleteNamespacedRoleBinding({ name, namespace }).catch(absent);
  await (await kube.api).rbac.deleteNamespacedRole({ name, namespace }).catch(absent);
  return 'revoked';
}
