// The incident's vocabulary: each cause a learner may name, what it changes in the working Spec, and how the live
// state shows it. A cause's evidence is one sentence naming the command that shows it and what that command says
// now, whether broken or not: the same words prove a right diagnosis and rule out a wrong one.
import type { Live } from './live.js';
import { APP_ROLE, REVIEWER_JWT, type Spec } from './setup.js';

export const CAUSES = [
  'binding-scope',
  'bound-account',
  'reviewer-empty',
  'reviewer-dead',
  'host',
  'ca',
  'issuer',
  'role-namespace',
  'audience',
  'role-name',
  'expiry',
  'vault-binding',
] as const;
export type Cause = (typeof CAUSES)[number];

export interface CauseInfo {
  /** What is wrong, in the words of the notebook's vocabulary table. */
  title: string;
  /** The Spec field it changes: two causes on one field cannot be broken at once. */
  field: keyof Spec;
  value: Spec[keyof Spec];
  /** Only where the lab can read the API server's signing key (not on a shared cluster). */
  needsSigningKey?: boolean;
  /** Only with Vault in a pod (`up --backend kind --vault in-cluster`), which has a token and a binding of its own. */
  needsVaultPod?: boolean;
  /** The command (or commands) that fix it, for the debrief. */
  fix: (live: FixContext) => string;
}

/** What a fix's command is written from: the learner's names, and where Vault runs. */
export type FixContext = Pick<Live, 'names' | 'vaultSide'>;

/** $KUBE_API is the address this machine uses; Vault in a pod uses the API server's in-cluster name. */
const hostArgument = ({ pod }: FixContext['vaultSide']) => pod?.kubernetesHost ?? '"$KUBE_API"';
const configWrite = ({ names, vaultSide }: FixContext) =>
  `vault write auth/${names.mount}/config kubernetes_host=${hostArgument(vaultSide)} ` +
  'kubernetes_ca_cert=@"$KUBE_CA" ' +
  `disable_local_ca_jwt=true token_reviewer_jwt="$(kubectl -n ${names.namespace} get secret ${REVIEWER_JWT} ` +
  `-o jsonpath='{.data.token}' | base64 -d)"`;
const rebind = ({ names }: FixContext) =>
  `kubectl create clusterrolebinding ${names.binding} --clusterrole=system:auth-delegator ` +
  `--serviceaccount=${names.namespace}:vault-reviewer`;
const roleWrite = ({ names }: FixContext) =>
  `vault write auth/${names.mount}/role/${APP_ROLE} bound_service_account_names=app ` +
  `bound_service_account_namespaces=${names.namespace} audience="" token_policies=default`;

export const CAUSE_INFO: Readonly<Record<Cause, CauseInfo>> = {
  'binding-scope': {
    title: "the reviewer's system:auth-delegator is a RoleBinding, and TokenReviews are not namespaced",
    field: 'bindingKind',
    value: 'RoleBinding',
    fix: (l) => `kubectl -n ${l.names.namespace} delete rolebinding ${l.names.binding}; ${rebind(l)}`,
  },
  'bound-account': {
    title: 'the ClusterRoleBinding names the application, not the reviewer Vault sends',
    field: 'bindingSubject',
    value: 'app',
    fix: (l) => `kubectl delete clusterrolebinding ${l.names.binding}; ${rebind(l)}`,
  },
  'reviewer-empty': {
    title: "token_reviewer_jwt is empty, so Vault sends each application's own JWT as the bearer",
    field: 'reviewerJwt',
    value: 'empty',
    fix: configWrite,
  },
  'reviewer-dead': {
    title: 'token_reviewer_jwt belongs to an account that was deleted and made again since',
    field: 'reviewerJwt',
    value: 'dead',
    fix: (l) =>
      `kubectl -n ${l.names.namespace} create secret generic ${REVIEWER_JWT} --from-literal=token="$(kubectl -n ` +
      `${l.names.namespace} create token vault-reviewer)" --dry-run=client -o yaml | kubectl ` +
      `replace -f -; ${configWrite(l)}`,
  },
  host: {
    title: 'kubernetes_host points where no API server answers',
    field: 'kubernetesHost',
    value: 'closed-port',
    fix: configWrite,
  },
  ca: {
    title: "kubernetes_ca_cert is not the CA that signed the API server's certificate",
    field: 'kubernetesCa',
    value: 'stranger',
    fix: configWrite,
  },
  issuer: {
    title: "Vault checks an issuer that differs from the JWT's iss claim",
    field: 'issuer',
    value: 'kubernetes/serviceaccount',
    fix: configWrite,
  },
  'role-namespace': {
    title: "the role binds another namespace than the application's",
    field: 'roleNamespace',
    value: 'staging',
    fix: roleWrite,
  },
  audience: {
    title: "the role requires an audience the application's JWT does not carry",
    field: 'audience',
    value: 'vault',
    fix: roleWrite,
  },
  'role-name': {
    title: 'the application logs in with a role name its mount does not have',
    field: 'loginRole',
    value: 'application',
    fix: (l) =>
      `kubectl -n ${l.names.namespace} patch configmap app-vault --type merge ` +
      `-p '{"data":{"VAULT_ROLE":"${APP_ROLE}"}}'`,
  },
  expiry: {
    title: "the application's JWT has expired",
    field: 'appJwt',
    value: 'expired',
    needsSigningKey: true,
    fix: (l) =>
      `kubectl -n ${l.names.namespace} create secret generic app-jwt --from-literal=token="$(kubectl -n ` +
      `${l.names.namespace} create token app)" --dry-run=client -o yaml | kubectl replace -f -`,
  },
  'vault-binding': {
    title: "Vault in a pod reviews with its own token, and its account has lost the chart's binding",
    field: 'reviewerJwt',
    value: 'vault-pod-unbound',
    needsVaultPod: true,
    fix: ({ vaultSide: { pod } }) =>
      pod
        ? `kubectl create clusterrolebinding ${pod.binding} --clusterrole=system:auth-delegator ` +
          `--serviceaccount=${pod.serviceAccount.namespace}:${pod.serviceAccount.name}`
        : 'none here: Vault runs outside the cluster, with no pod token of its own',
  },
};

/** Pairs that cannot be broken together: one object, or one fault that hides the other. */
const CLASHES: ReadonlyArray<readonly [Cause, Cause]> = [
  ['binding-scope', 'bound-account'],
  // The application's own JWT as bearer, and the application bound: the login works, and neither shows.
  ['bound-account', 'reviewer-empty'],
];

/** True when a and b can be broken at the same time, each visible in the live state. */
export function canCoexist(a: Cause, b: Cause): boolean {
  if (a === b || CAUSE_INFO[a].field === CAUSE_INFO[b].field) return false;
  return !CLASHES.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** The working spec with each cause's change applied. */
export function specWith(base: Spec, causes: readonly Cause[]): Spec {
  return causes.reduce<Spec>((spec, c) => ({ ...spec, [CAUSE_INFO[c].field]: CAUSE_INFO[c].value }), { ...base });
}
