// Least privilege for Vault's Kubernetes auth: which identity needs which permission for a given Vault
// configuration (read from vault-plugin-auth-kubernetes v0.23.1), proved with SubjectAccessReviews.
import { CREATE_TOKENREVIEWS, type Permission } from './rbac.js';
import type { ServiceAccountRef } from './tokens.js';

export type { Permission };

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

/**
 * What each identity needs, call by call: the TokenReview (token_review.go), the service account read for
 * alias metadata (service_account_getter.go) and the namespace read for a selector (namespace_validator.go).
 */
export function requiredAccess(setup: VaultSetup): Need[] {
  const bearers = setup.tokenReviewer ? [setup.tokenReviewer] : setup.clients;
  const needs: Need[] = bearers.map((who) => ({
    who,
    ...CREATE_TOKENREVIEWS,
    why: 'POST tokenreviews at every login',
  }));
  if (setup.useAnnotationsAsAliasMetadata) {
    for (const client of setup.clients) {
      const who = setup.tokenReviewer ?? client;
      needs.push({
        who,
        verb: 'get',
        group: '',
        resource: 'serviceaccounts',
        namespace: client.namespace,
        name: client.name,
        why: 'use_annotations_as_alias_metadata',
      });
    }
  }
  if (setup.namespaceSelector) {
    // The plugin sends this request with token_reviewer_jwt only; without one the login is refused.
    const who = setup.tokenReviewer ?? { namespace: '(none)', name: 'token_reviewer_jwt required' };
    for (const ns of new Set(setup.clients.map((c) => c.namespace))) {
      needs.push({
        who,
        verb: 'get',
        group: '',
        resource: 'namespaces',
        namespace: ns,
        name: ns,
        why: 'bound_service_account_namespace_selector',
      });
    }
  }
  return needs;
}
