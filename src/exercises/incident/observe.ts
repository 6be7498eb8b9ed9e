// Each cause judged on one live snapshot: broken or not, and the evidence, as the command a learner would run and
// what it says now. A right diagnosis is proved by the same sentence that rules a wrong one out.
import { canICommand } from '../../kube/rbac.js';
import type { ServiceAccountRef } from '../../kube/tokens.js';
import { CAUSES, type Cause } from './causes.js';
import type { Live } from './live.js';

export interface Observation {
  broken: boolean;
  evidence: string;
}

const now = () => Math.floor(Date.now() / 1000);
const canI = (sa: ServiceAccountRef, yes: boolean | undefined) => `${canICommand(sa)} says ${yes ? 'yes' : 'no'}`;
const configRead = (l: Live) => `vault read auth/${l.names.mount}/config`;
const roleRead = (l: Live) =>
  l.roleFound
    ? `vault read ${l.login.path}/role/${l.login.role}`
    : `vault read auth/${l.names.mount}/role/${l.role?.name}`;
const jwtOf = (name: string) => `the JWT in the Secret ${name}`;
/** Vault in a pod with no reviewer JWT and disable_local_ca_jwt=false sends its own pod's token as the bearer. */
const reviewsWithPodToken = (l: Live) =>
  l.vaultSide.pod !== undefined &&
  l.config?.token_reviewer_jwt_set === false &&
  l.config.disable_local_ca_jwt === false;
/** "; a TokenReview with it as the bearer answers 401: Unauthorized", the request Vault sends, sent with curl. */
const reviewAnswer = ({ reviewerReview: r }: Live) =>
  r ? `; a TokenReview with it as the bearer answers ${r.status}${r.message ? `: ${r.message}` : ''}` : '';

const OBSERVE: Readonly<Record<Cause, (l: Live) => Observation>> = {
  'binding-scope': (l) => ({
    broken: !l.reviewerMayReview && l.clusterBinding === undefined,
    evidence:
      `${canI(l.names.reviewer, l.reviewerMayReview)}, and kubectl get clusterrolebinding ${l.names.binding} ` +
      (l.clusterBinding === undefined ? 'finds none' : `finds one, to ${l.clusterBinding}`),
  }),
  'bound-account': (l) => ({
    broken: !l.reviewerMayReview && l.clusterBinding !== undefined,
    evidence:
      `${canI(l.names.reviewer, l.reviewerMayReview)}; kubectl get clusterrolebinding ${l.names.binding} -o wide ` +
      (l.clusterBinding === undefined ? 'finds none' : `names ${l.clusterBinding}`),
  }),
  'reviewer-empty': (l) => ({
    broken: l.config?.token_reviewer_jwt_set === false && !l.appMayReview && !reviewsWithPodToken(l),
    evidence:
      `${configRead(l)} shows token_reviewer_jwt_set=${l.config?.token_reviewer_jwt_set}, and ` +
      canI(l.names.app, l.appMayReview),
  }),
  'reviewer-dead': (l) => {
    const jwt = l.reviewerJwt;
    const dead = !jwt || jwt.exp <= now() || jwt.uid !== l.reviewerUid;
    return {
      broken: l.config?.token_reviewer_jwt_set === true && dead,
      evidence:
        `${configRead(l)} shows token_reviewer_jwt_set=${l.config?.token_reviewer_jwt_set}; ` +
        (jwt
          ? `${jwtOf('vault-reviewer-jwt')} names the account UID ${jwt.uid}, and kubectl get sa vault-reviewer ` +
            `says ${l.reviewerUid || '(no such account)'}${jwt.exp <= now() ? '; its exp has passed' : ''}` +
            reviewAnswer(l)
          : `the Secret vault-reviewer-jwt holds no JWT`),
    };
  },
  host: (l) => ({
    broken: l.config?.kubernetes_host !== l.vaultSide.kubernetesHost,
    evidence:
      `${configRead(l)} shows kubernetes_host=${l.config?.kubernetes_host}; ` +
      (l.vaultSide.pod
        ? `from Vault's pod the API server is ${l.vaultSide.kubernetesHost}`
        : `the API server is ${l.api.server}`),
  }),
  ca: (l) => {
    const same = (l.config?.kubernetes_ca_cert ?? '').trim() === l.api.ca.trim();
    const is = same ? 'is' : 'is not';
    return {
      broken: !same,
      evidence: `${configRead(l)} shows a kubernetes_ca_cert that ${is} the cluster's CA ($KUBE_CA)`,
    };
  },
  issuer: (l) => {
    const checked = l.config?.disable_iss_validation === false && Boolean(l.config.issuer);
    return {
      broken: checked && l.config?.issuer !== l.clusterIssuer,
      evidence:
        `${configRead(l)} shows issuer="${l.config?.issuer ?? ''}" and disable_iss_validation=` +
        `${l.config?.disable_iss_validation}; the application's JWT says iss=${l.appJwt?.iss ?? l.clusterIssuer}`,
    };
  },
  'role-namespace': (l) => {
    const bound = l.role?.bound_service_account_namespaces ?? [];
    return {
      broken: l.role !== undefined && !bound.includes(l.names.namespace) && !bound.includes('*'),
      evidence: `${roleRead(l)} shows bound_service_account_namespaces=[${bound.join(',')}]`,
    };
  },
  audience: (l) => {
    const wanted = l.role?.audience ?? '';
    const carried = l.appJwt?.aud ?? [];
    return {
      broken: wanted !== '' && !carried.includes(wanted),
      evidence: `${roleRead(l)} shows audience="${wanted}"; ${jwtOf('app-jwt')} carries aud=[${carried.join(',')}]`,
    };
  },
  'role-name': (l) => ({
    broken: !l.roleFound,
    evidence:
      `kubectl -n ${l.names.namespace} get configmap app-vault names role "${l.login.role}" at ${l.login.path}, ` +
      `and vault read ${l.login.path}/role/${l.login.role} ${l.roleFound ? 'finds it' : 'finds no such role'}`,
  }),
  expiry: (l) => {
    const exp = l.appJwt?.exp ?? 0;
    const past = exp <= now();
    return {
      broken: past,
      evidence: l.appJwt
        ? `${jwtOf('app-jwt')} has exp=${new Date(exp * 1000).toISOString()}, ${past ? 'in the past' : 'still ahead'}`
        : 'the Secret app-jwt holds no JWT',
    };
  },
  'vault-binding': (l) => {
    const { pod } = l.vaultSide;
    if (!pod) return { broken: false, evidence: 'Vault runs outside the cluster, with no pod token of its own' };
    return {
      broken: reviewsWithPodToken(l) && l.vaultMayReview === false,
      evidence:
        `${configRead(l)} shows token_reviewer_jwt_set=${l.config?.token_reviewer_jwt_set} and disable_local_ca_jwt=` +
        `${l.config?.disable_local_ca_jwt}; ${canI(pod.serviceAccount, l.vaultMayReview)}`,
    };
  },
};

export const observe = (cause: Cause, live: Live): Observation => OBSERVE[cause](live);

/** Every cause that is broken in this snapshot, in vocabulary order. */
export const brokenCauses = (live: Live): Cause[] => CAUSES.filter((c) => observe(c, live).broken);
