// The article's last step on the terminal path: Vault's Kubernetes auth method, configured with no reviewer
// JWT, so each login's TokenReview carries the application's own token as its bearer, the token bound in
// script.ts. A login before the binding is refused, and the same login after it is let in.
import type { ScriptStep } from './script-step.js';

/** Its own mount, so the transcript never touches notebook 04's auth/kubernetes/. */
export const VAULT_MOUNT = 'kubernetes-demo';
const LOGIN = `vault write auth/${VAULT_MOUNT}/login role=app jwt="$TOKEN"`;

/** Removes what an interrupted run left (hidden with the rest of the clean slate). */
export const VAULT_CLEAN_SLATE = `vault auth disable ${VAULT_MOUNT} >/dev/null`;

/** Enable, configure and write the role: before the binding, so the first login shows the refusal. */
export function vaultSetUp(namespace: string, account: string): ScriptStep[] {
  return [
    {
      heading: "Vault's Kubernetes auth method",
      say:
        "The article configures Vault with the API server's address and CA, and no `token_reviewer_jwt`: " +
        "Vault then sends each login's TokenReview with the logging-in application's own token as the bearer. " +
        '`disable_local_ca_jwt=true` because this Vault runs outside the cluster, with no pod token of its own.',
      command: `vault auth enable -path=${VAULT_MOUNT} kubernetes`,
      expect: /Success/,
    },
    {
      command:
        `vault write auth/${VAULT_MOUNT}/config kubernetes_host="$KUBE_API" \\\n` +
        '  kubernetes_ca_cert=@"$KUBE_CA" disable_local_ca_jwt=true',
      expect: /Success/,
    },
    {
      say:
        `A role that admits the service account ${account} in the namespace ${namespace}, and nobody else. ` +
        'Vault writes it and warns that it names no audience (notebook 05 shows what an audience adds).',
      command:
        `vault write auth/${VAULT_MOUNT}/role/app bound_service_account_names=${account} \\\n` +
        `  bound_service_account_namespaces=${namespace} token_policies=default ttl=10m`,
      expect: /Success|does not have an audience configured/,
    },
  ];
}

/** The login while the account may not create TokenReviews: Vault's TokenReview is refused. */
export const LOGIN_REFUSED: ScriptStep = {
  say:
    "Vault compares the token's claims with the role, which match, then sends the TokenReview with the same " +
    'token as the bearer. The API server answers 403, as it did to curl, and Vault tells the client only ' +
    '`permission denied` (the reason is in its log).',
  command: LOGIN,
  expect: /permission denied/,
};

/**
 * The same login once the binding is in place, as JSON: Vault's table prints the metadata in Go's map order,
 * which changes from run to run, and its JSON sorts the keys.
 */
export const LOGIN_GRANTED: ScriptStep = {
  say: 'The same login after the binding: the review succeeds, and Vault issues a token for the role.',
  command: `vault write -format=json auth/${VAULT_MOUNT}/login role=app jwt="$TOKEN"`,
  until: /service_account_name/,
  expect: /^(?=[\s\S]*"token_policies": \[\s*"default"\s*\])(?=[\s\S]*"service_account_name": "app")/,
};

export const VAULT_CLEAN_UP: ScriptStep = {
  command: `vault auth disable ${VAULT_MOUNT}`,
  expect: /Success/,
};
