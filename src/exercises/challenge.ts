// Notebook 05's diagnosis challenge: a working Vault login for lab-challenge/app, then one thing broken,
// chosen from a seed. The application's JWT lives in a Secret (as a pod's token lives in its file), so the
// check logs in with whatever token the learner leaves there. Nothing records which fault was chosen: the
// solution finds it by comparing the live setup with the working one, as a learner would.
import { decodeJwt } from '../jwt.js';
import { expiredCopy } from '../kube/mint.js';
import { CREATE_TOKENREVIEWS } from '../kube/rbac.js';
import { generatePki } from '../pki/pki.js';
import { freePort } from '../ports.js';
import { seededDraws } from './seeded.js';
import type { Lab } from './types.js';

export const FAULTS = ['binding', 'role-namespace', 'ca', 'audience', 'host', 'expiry'] as const;
export type Fault = (typeof FAULTS)[number];

export const CHALLENGE_ROLE = 'app';
export const JWT_SECRET = 'app-jwt';

/** The challenge's names for this learner. */
export function challengeNames(lab: Pick<Lab, 'name'>) {
  const namespace = lab.name('lab-challenge');
  return {
    namespace,
    app: { namespace, name: 'app' },
    binding: lab.name('lab-challenge-app-auth-delegator'),
    mount: lab.name('kubernetes-challenge'),
  };
}

/** The faults a lab can stage: the expired JWT needs the API server's signing key, which a shared cluster keeps. */
export const faultsFor = (offers: { signingKey: boolean }): readonly Fault[] =>
  offers.signingKey ? FAULTS : FAULTS.filter((f) => f !== 'expiry');

/** The same fault for the same seed (the seed's first draw), so a test or a workshop can replay one. */
export function faultFor(seed: number, faults: readonly Fault[] = FAULTS): Fault {
  return faults[Math.floor(seededDraws(seed)() * faults.length)] ?? 'binding';
}

/** Writes the application's JWT where the application reads it from, like the kubelet writes a pod's token file. */
async function storeJwt(lab: Lab, jwt: string): Promise<void> {
  await lab.kube.writeTokenSecret(challengeNames(lab).namespace, JWT_SECRET, jwt);
}

/** The JWT the application would log in with, or undefined before the challenge was set up. */
export async function storedJwt(lab: Lab): Promise<string | undefined> {
  return (await lab.kube.readTokenSecret(challengeNames(lab).namespace, JWT_SECRET)) || undefined;
}

/**
 * `vault write auth/MOUNT/role/NAME ...` with every bound field and no audience. Vault keeps a field a write
 * leaves out, so a solution states each one (an audience from a wrong attempt would otherwise stay).
 */
export async function writeExactRole(
  lab: Lab,
  mount: string,
  role: string,
  names: string[],
  namespaces: string[],
  audience = '',
): Promise<void> {
  await lab.vault.must('POST', `auth/${mount}/role/${role}`, {
    bound_service_account_names: names,
    bound_service_account_namespaces: namespaces,
    audience,
    token_policies: ['default'],
    token_ttl: '10m',
  });
}

const goodConfig = (lab: Lab) => ({
  kubernetesHost: lab.api.server,
  kubernetesCaCert: lab.api.ca,
  disableLocalCaJwt: true,
});

/** Binding, role, config and a fresh JWT as notebook 05's working setup has them; a fresh mount when asked. */
export async function workingSetup(lab: Lab, opts: { remount?: boolean } = {}): Promise<void> {
  const { namespace, app, binding, mount } = challengeNames(lab);
  await lab.kube.ensureNamespace(namespace);
  await lab.kube.ensureServiceAccount(app);
  await lab.kube.unbindRoleInNamespace(binding, namespace);
  await lab.kube.bindClusterRole(binding, app);
  // A fresh mount has no pooled connections to the API server, so a broken CA fails at once (notebook 05, section 1).
  if (opts.remount) await lab.vault.disableAuth(mount);
  await lab.vault.enableKubernetesAuth(mount);
  await lab.vault.configureKubernetes(goodConfig(lab), mount);
  await writeExactRole(lab, mount, CHALLENGE_ROLE, [app.name], [namespace]);
  await storeJwt(lab, await lab.kube.requestToken(app));
}

/** Breaks exactly one thing of the working setup. */
export async function inject(lab: Lab, fault: Fault): Promise<void> {
  const { namespace, app, binding, mount } = challengeNames(lab);
  const role = (extra: { namespaces?: string[]; audience?: string }) =>
    writeExactRole(lab, mount, CHALLENGE_ROLE, [app.name], extra.namespaces ?? [namespace], extra.audience);
  switch (fault) {
    case 'binding':
      await lab.kube.unbindClusterRole(binding);
      await lab.kube.bindRoleInNamespace(binding, app);
      return;
    case 'role-namespace':
      await role({ namespaces: [lab.name('lab-challenge-staging')] });
      return;
    case 'audience':
      await role({ audience: 'vault' });
      return;
    case 'ca':
      await lab.vault.configureKubernetes(
        { ...goodConfig(lab), kubernetesCaCert: (await generatePki()).caCert },
        mount,
      );
      return;
    case 'host':
      await lab.vault.configureKubernetes(
        { ...goodConfig(lab), kubernetesHost: `https://127.0.0.1:${await freePort()}` },
        mount,
      );
      return;
    case 'expiry': {
      const jwt = (await storedJwt(lab)) ?? (await lab.kube.requestToken(app));
      await storeJwt(lab, expiredCopy(jwt, await lab.signingKey(), 3600));
      return;
    }
  }
}

/** Which of the six things differ from the working setup now, read from the live servers. */
export async function brokenFaults(lab: Lab): Promise<Fault[]> {
  const { namespace, app, mount } = challengeNames(lab);
  const found: Fault[] = [];
  const can = await lab.kube.canAs(app, CREATE_TOKENREVIEWS);
  if (!can.allowed) found.push('binding');
  const role = (
    await lab.vault.request<{ data?: { bound_service_account_namespaces?: string[]; audience?: string } }>(
      'GET',
      `auth/${mount}/role/${CHALLENGE_ROLE}`,
    )
  ).json?.data;
  if (!(role?.bound_service_account_namespaces ?? []).includes(namespace)) found.push('role-namespace');
  const config = (
    await lab.vault.request<{ data?: { kubernetes_host?: string; kubernetes_ca_cert?: string } }>(
      'GET',
      `auth/${mount}/config`,
    )
  ).json?.data;
  if ((config?.kubernetes_ca_cert ?? '').trim() !== lab.api.ca.trim()) found.push('ca');
  if (role?.audience) found.push('audience');
  if (config?.kubernetes_host !== lab.api.server) found.push('host');
  const jwt = await storedJwt(lab);
  const exp = jwt ? Number(decodeJwt(jwt).claims.exp ?? 0) : 0;
  if (!jwt || exp * 1000 <= Date.now()) found.push('expiry');
  return found;
}

/** What each fault is, in the words of notebook 05's summary table. */
export const FAULT_NAMES: Readonly<Record<Fault, string>> = {
  binding: 'the ClusterRoleBinding to system:auth-delegator was a RoleBinding',
  'role-namespace': "the role's bound_service_account_namespaces named another namespace",
  ca: "kubernetes_ca_cert was a CA that never signed the API server's certificate",
  audience: 'the role required the audience vault, which the token does not carry',
  host: 'kubernetes_host pointed at a port where nothing listens',
  expiry: "the application's stored JWT had expired",
};
