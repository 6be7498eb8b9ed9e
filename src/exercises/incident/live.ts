// What the servers say about the incident's system now, read the way a learner would read it: the application's
// own login, `kubectl auth can-i` for both accounts (and for Vault's own, in a pod), the binding, Vault's config and
// role, both JWTs' claims, and the TokenReview that Vault would send with the reviewer's JWT.
// Each cause (causes.ts) is a judgement on this one snapshot.
import { decodeJwt } from '../../jwt.js';
import { readIfPresent } from '../../kube/apis.js';
import { CREATE_TOKENREVIEWS } from '../../kube/rbac.js';
import type { KubeTarget } from '../../http.js';
import { postTokenReview, summarize, type TokenReviewOutcome } from '../../tokenreview.js';
import type { Lab } from '../types.js';
import type { VaultPod } from '../../vault/dev-server.js';
import { APP_JWT, APP_ROLE, APP_SETTINGS, REVIEWER_JWT, incidentNames, vaultKubeHost } from './setup.js';

interface JwtFacts {
  exp: number;
  iss: string;
  aud: string[];
  uid: string;
}

export interface Live {
  names: ReturnType<typeof incidentNames>;
  /** The API server as this machine reaches it (curl, kubectl). */
  api: KubeTarget;
  /** Where Vault reaches the API server from, and its pod when it runs in the cluster. */
  vaultSide: { kubernetesHost: string; pod?: VaultPod };
  /** The application's login as it makes it: its settings' path and role, its stored JWT. */
  login: { path: string; role: string; status: number; errors: string[] };
  appJwt?: JwtFacts;
  /** The JWT in the Secret Vault's token_reviewer_jwt is written from. */
  reviewerJwt?: JwtFacts;
  /** The API server's answer to the TokenReview Vault would send with that JWT as the bearer (curl, as in 03). */
  reviewerReview?: TokenReviewOutcome;
  /** The reviewer account's UID now (empty when it does not exist). */
  reviewerUid: string;
  /** The iss claim the API server puts in a token it issues now. */
  clusterIssuer: string;
  reviewerMayReview: boolean;
  appMayReview: boolean;
  /** Whether Vault's own account may create TokenReviews; undefined when Vault runs outside the cluster. */
  vaultMayReview?: boolean;
  /** The subjects of the ClusterRoleBinding with the incident's binding name, or undefined when there is none. */
  clusterBinding?: string;
  config?: {
    kubernetes_host?: string;
    kubernetes_ca_cert?: string;
    issuer?: string;
    disable_iss_validation?: boolean;
    disable_local_ca_jwt?: boolean;
    token_reviewer_jwt_set?: boolean;
  };
  /** True when the application's mount has the role its settings name. */
  roleFound: boolean;
  /** That role, else the mount's role `app`: the one whose bounds and audience are judged. */
  role?: { name: string; bound_service_account_namespaces?: string[]; audience?: string };
}

function jwtFacts(jwt: string): JwtFacts | undefined {
  if (!jwt) return undefined;
  try {
    const { claims } = decodeJwt(jwt);
    const aud = claims.aud;
    const sa = (claims['kubernetes.io'] as { serviceaccount?: { uid?: string } } | undefined)?.serviceaccount;
    return {
      exp: Number(claims.exp ?? 0),
      iss: String(claims.iss ?? ''),
      aud: Array.isArray(aud) ? aud.map(String) : aud ? [String(aud)] : [],
      uid: sa?.uid ?? '',
    };
  } catch {
    return undefined;
  }
}

type RoleFields = { bound_service_account_namespaces?: string[]; audience?: string };

async function readRole(lab: Lab, path: string, name: string): Promise<Live['role']> {
  if (!name) return undefined;
  const res = await lab.vault.request<{ data?: RoleFields }>('GET', `${path}/role/${name}`);
  return res.status === 200 ? { name, ...res.json?.data } : undefined;
}

/** One snapshot of everything the causes are judged on. */
export async function readLive(lab: Lab): Promise<Live> {
  const names = incidentNames(lab);
  const { namespace, app, reviewer, binding, mount } = names;
  const settings = (await lab.kube.readConfigMap(namespace, APP_SETTINGS)) ?? {};
  const path = settings.VAULT_AUTH_PATH ?? `auth/${mount}`;
  const roleName = settings.VAULT_ROLE ?? '';
  const appJwt = await lab.kube.readTokenSecret(namespace, APP_JWT);
  const reviewerJwt = await lab.kube.readTokenSecret(namespace, REVIEWER_JWT);
  const answer = await lab.vault.request('POST', `${path}/login`, { role: roleName, jwt: appJwt }, { token: null });
  const { pod } = lab.state.vault;
  const [reviewerMay, appMay, vaultMay, bindings, config, role, account, fresh] = await Promise.all([
    lab.kube.canAs(reviewer, CREATE_TOKENREVIEWS),
    lab.kube.canAs(app, CREATE_TOKENREVIEWS),
    pod ? lab.kube.canAs(pod.serviceAccount, CREATE_TOKENREVIEWS) : undefined,
    lab.kube.bindingsTo('system:auth-delegator'),
    lab.vault.request<{ data?: Live['config'] }>('GET', `auth/${mount}/config`),
    readRole(lab, path, roleName),
    readIfPresent(() => lab.kube.readServiceAccount(reviewer)),
    lab.kube.requestToken(app, { expirationSeconds: 600 }),
  ]);
  return {
    names,
    api: lab.api,
    vaultSide: { kubernetesHost: vaultKubeHost(lab), pod },
    login: { path, role: roleName, status: answer.status, errors: answer.errors },
    appJwt: jwtFacts(appJwt),
    reviewerJwt: jwtFacts(reviewerJwt),
    reviewerReview: reviewerJwt
      ? summarize(await postTokenReview(lab.api, { token: appJwt || reviewerJwt, bearer: reviewerJwt }))
      : undefined,
    reviewerUid: account?.metadata?.uid ?? '',
    clusterIssuer: jwtFacts(fresh)?.iss ?? '',
    reviewerMayReview: reviewerMay.allowed,
    appMayReview: appMay.allowed,
    vaultMayReview: vaultMay?.allowed,
    clusterBinding: bindings.find((b) => b.kind === 'ClusterRoleBinding' && b.name === binding)?.subjects,
    config: config.status === 200 ? config.json?.data : undefined,
    roleFound: role !== undefined,
    role: role ?? (await readRole(lab, `auth/${mount}`, APP_ROLE)),
  };
}
