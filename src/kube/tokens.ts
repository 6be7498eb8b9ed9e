// Service-account identities and tokens as the API server sees them: names, groups, and what a token's claims say.
import { decodeJwt, formatSpan } from '../jwt.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The username the API server gives a service account: what TokenReview returns and RBAC matches. */
export const serviceAccountUser = (sa: ServiceAccountRef) => `system:serviceaccount:${sa.namespace}:${sa.name}`;

/** The groups the API server puts a service account in; `kubectl auth can-i --as=...` adds the same ones. */
export const serviceAccountGroups = (sa: ServiceAccountRef) => [
  'system:serviceaccounts',
  `system:serviceaccounts:${sa.namespace}`,
  'system:authenticated',
];

/** Where the kubelet mounts a pod's service-account token: the file the article reads with `kubectl exec ... cat`. */
export const SERVICE_ACCOUNT_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The kubelet asks for 3607 s; a pod-bound token with that lifetime is the API server's cue to extend it (see
 * tokenFacts).
 */
export const KUBELET_TOKEN_SECONDS = 3607;

/**
 * How long kube-apiserver trusts a token it has once authenticated (its TokenSuccessCacheTTL, not a flag), keyed
 * with the audiences: a deleted account's token still passes a TokenReview until then.
 */
export const TOKEN_SUCCESS_CACHE_MS = 10_000;

export interface TokenFacts {
  issuer: string;
  audience: string;
  /** exp minus iat, or "forever" for a legacy token without exp. */
  lifetime: string;
  /** The object whose deletion invalidates the token. */
  bound: string;
  /** The kubelet's token: valid for a year, but the API server counts uses after warnafter as stale. */
  stale: string;
}

/** The differences between service-account tokens that matter to a reviewer, read from the JWT's claims. */
export function tokenFacts(token: string): TokenFacts {
  const claims = decodeJwt(token).claims;
  const k8s = (claims['kubernetes.io'] ?? {}) as {
    pod?: { name?: string };
    secret?: { name?: string };
    node?: { name?: string };
    warnafter?: number;
    serviceaccount?: { name?: string };
  };
  const aud = claims.aud;
  const { exp, iat } = claims as { exp?: number; iat?: number };
  const legacySecret = claims['kubernetes.io/serviceaccount/secret.name'];
  const bound = k8s.pod?.name
    ? `Pod ${k8s.pod.name}${k8s.node?.name ? ` (on node ${k8s.node.name})` : ''}`
    : k8s.secret?.name
      ? `Secret ${k8s.secret.name}`
      : typeof legacySecret === 'string'
        ? `Secret ${legacySecret} (legacy)`
        : `ServiceAccount ${k8s.serviceaccount?.name ?? ''} only`;
  return {
    issuer: String(claims.iss ?? ''),
    audience: Array.isArray(aud) ? aud.join(', ') : aud === undefined ? '(none)' : String(aud),
    lifetime: typeof exp === 'number' ? formatSpan(exp - (iat ?? exp)) : 'forever (no exp)',
    bound,
    stale:
      typeof k8s.warnafter === 'number' && typeof iat === 'number' ? `after ${formatSpan(k8s.warnafter - iat)}` : '-',
  };
}
