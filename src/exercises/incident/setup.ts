// Incident mode's system, as plain data and one function that makes it real. A Vault login for the application
// lab-incident/app the way many teams run it: a reviewer service account with system:auth-delegator, its JWT kept
// in a Secret and written into Vault's config, the application's settings (mount and role) in a ConfigMap, and its
// JWT in a Secret (where it reads it from, as a pod reads its token file). Each fault changes one field of the
// Spec, so several compose, and build() writes every object whole, in one pass. With Vault in a pod, Vault reaches
// the API server by its in-cluster name, and the chart's binding of Vault's own account is part of the system.
import { expiredCopy } from '../../kube/mint.js';
import { generatePki } from '../../pki/pki.js';
import { freePort } from '../../ports.js';
import type { Lab } from '../types.js';

export const APP_ROLE = 'app';
export const APP_JWT = 'app-jwt';
export const APP_SETTINGS = 'app-vault';
export const REVIEWER_JWT = 'vault-reviewer-jwt';
export const JOURNAL = 'incident-journal';

/** The incident's names for this learner. */
export function incidentNames(lab: Pick<Lab, 'name'>) {
  const namespace = lab.name('lab-incident');
  return {
    namespace,
    app: { namespace, name: 'app' },
    reviewer: { namespace, name: 'vault-reviewer' },
    binding: lab.name('lab-incident-reviewer-auth-delegator'),
    mount: lab.name('kubernetes-incident'),
    /** The namespace a wrong role names: a staging copy of the application's. */
    staging: lab.name('lab-incident-staging'),
  };
}

/** Everything a fault can change; BASE is the setup that works. */
export interface Spec {
  /** How the reviewer gets system:auth-delegator: the ClusterRoleBinding, or only a RoleBinding in its namespace. */
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding';
  /** Whom the binding names. */
  bindingSubject: 'vault-reviewer' | 'app';
  /**
   * Vault's token_reviewer_jwt: the reviewer's JWT, none, a JWT of an account deleted and made again since, or
   * (Vault in a pod) none with disable_local_ca_jwt=false, so Vault reviews with its own pod's token, while its own
   * account has lost the chart's binding.
   */
  reviewerJwt: 'set' | 'empty' | 'dead' | 'vault-pod-unbound';
  kubernetesHost: 'api-server' | 'closed-port';
  kubernetesCa: 'cluster' | 'stranger';
  /** Vault's `issuer`, checked against the JWT's iss claim unless empty. */
  issuer: string;
  roleNamespace: 'own' | 'staging';
  audience: string;
  /** The role the application's settings name. */
  loginRole: string;
  appJwt: 'fresh' | 'expired';
}

export const BASE: Readonly<Spec> = {
  bindingKind: 'ClusterRoleBinding',
  bindingSubject: 'vault-reviewer',
  reviewerJwt: 'set',
  kubernetesHost: 'api-server',
  kubernetesCa: 'cluster',
  issuer: '',
  roleNamespace: 'own',
  audience: '',
  loginRole: APP_ROLE,
  appJwt: 'fresh',
};

/** The RBAC part: one binding named `binding`, of the kind and to the account the spec says. */
async function bind(lab: Lab, spec: Spec): Promise<void> {
  const { namespace, binding } = incidentNames(lab);
  await lab.kube.unbindClusterRole(binding);
  await lab.kube.unbindRoleInNamespace(binding, namespace);
  const subject = { namespace, name: spec.bindingSubject };
  if (spec.bindingKind === 'RoleBinding') await lab.kube.bindRoleInNamespace(binding, subject);
  else await lab.kube.bindClusterRole(binding, subject);
}

/** Where Vault reaches the API server from: its pod's in-cluster name, or the address this machine uses. */
export const vaultKubeHost = (lab: Pick<Lab, 'state' | 'api'>): string =>
  lab.state.vault.pod?.kubernetesHost ?? lab.api.server;

/** Vault in a pod: the chart's binding of Vault's own account, there unless the spec's cause removed it. */
async function bindVaultPod(lab: Lab, spec: Spec): Promise<void> {
  const { pod } = lab.state.vault;
  if (!pod) return;
  if (spec.reviewerJwt === 'vault-pod-unbound') await lab.kube.unbindClusterRole(pod.binding);
  else await lab.kube.bindClusterRole(pod.binding, pod.serviceAccount);
}

/** Vault's side: a fresh mount (no pooled connection to the API server), its config and the role, written whole. */
async function configureVault(lab: Lab, spec: Spec, reviewerJwt: string): Promise<void> {
  const { namespace, mount, staging, app } = incidentNames(lab);
  const podToken = spec.reviewerJwt === 'vault-pod-unbound';
  await lab.vault.disableAuth(mount);
  await lab.vault.enableKubernetesAuth(mount);
  await lab.vault.must('POST', `auth/${mount}/config`, {
    kubernetes_host:
      spec.kubernetesHost === 'api-server' ? vaultKubeHost(lab) : `https://127.0.0.1:${await freePort()}`,
    kubernetes_ca_cert: spec.kubernetesCa === 'cluster' ? lab.api.ca : (await generatePki()).caCert,
    token_reviewer_jwt: spec.reviewerJwt === 'empty' || podToken ? '' : reviewerJwt,
    disable_local_ca_jwt: !podToken,
    issuer: spec.issuer,
    disable_iss_validation: spec.issuer === '',
  });
  await lab.vault.must('POST', `auth/${mount}/role/${APP_ROLE}`, {
    bound_service_account_names: [app.name],
    bound_service_account_namespaces: [spec.roleNamespace === 'own' ? namespace : staging],
    audience: spec.audience,
    token_policies: ['default'],
    token_ttl: '10m',
  });
}

/**
 * Makes the spec real, every object whole. The reviewer's JWT is never used before a dead one's account is made
 * again: the API server caches a successful authentication for 10 s, which would hide the death.
 */
export async function build(lab: Lab, spec: Spec): Promise<void> {
  const { namespace, app, reviewer, mount } = incidentNames(lab);
  await lab.kube.ensureNamespace(namespace);
  await lab.kube.ensureServiceAccount(app);
  await lab.kube.ensureServiceAccount(reviewer);
  await bind(lab, spec);
  await bindVaultPod(lab, spec);
  // An hour, TokenRequest's usual length: a workshop admits no token that outlives it.
  const reviewerJwt = await lab.kube.requestToken(reviewer);
  await lab.kube.writeTokenSecret(namespace, REVIEWER_JWT, reviewerJwt);
  await configureVault(lab, spec, reviewerJwt);
  await lab.kube.writeConfigMap(namespace, APP_SETTINGS, {
    VAULT_AUTH_PATH: `auth/${mount}`,
    VAULT_ROLE: spec.loginRole,
  });
  const appJwt = await lab.kube.requestToken(app);
  const stored = spec.appJwt === 'fresh' ? appJwt : expiredCopy(appJwt, await lab.signingKey());
  await lab.kube.writeTokenSecret(namespace, APP_JWT, stored);
  if (spec.reviewerJwt === 'dead') {
    await lab.kube.deleteServiceAccount(reviewer);
    await lab.kube.ensureServiceAccount(reviewer);
  }
}

/** Removes what build() made, except the namespace (a workshop learner may not delete it); Vault's binding stays. */
export async function unbuild(lab: Lab): Promise<void> {
  const { namespace, binding, mount } = incidentNames(lab);
  await bindVaultPod(lab, BASE);
  await lab.vault.disableAuth(mount);
  await lab.kube.unbindClusterRole(binding);
  await lab.kube.unbindRoleInNamespace(binding, namespace);
  for (const name of [APP_JWT, REVIEWER_JWT]) await lab.kube.deleteSecret(namespace, name);
  for (const name of [APP_SETTINGS, JOURNAL]) await lab.kube.deleteConfigMap(namespace, name);
}
