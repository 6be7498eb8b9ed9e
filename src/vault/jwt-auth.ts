// Vault's `jwt` auth method used on service-account tokens: Vault checks the signature itself with the
// API server's public keys, sends no TokenReview, and so needs no binding to system:auth-delegator. The keys
// are read from the API server as curl would; the Vault calls take the client, whose methods they are.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { HttpError } from '../errors.js';
import { request, type KubeTarget } from '../http.js';
import type { VaultHandle, VaultResponse } from './response.js';

export interface IssuerKeys {
  /** The `issuer` of the API server's OIDC discovery document: the `iss` of every token it signs. */
  issuer: string;
  jwksUri: string;
  /** The JWKS keys as PEM, as `jwt_validation_pubkeys` takes them. */
  pems: string[];
  /** The signing algorithms the discovery document lists (RS256 on kind, ES256 on the local backend). */
  algs: string[];
}

/** Public keys in PEM from a JWKS document (`kubectl get --raw /openid/v1/jwks`). */
export function jwksToPem(jwks: { keys?: JsonWebKey[] }): string[] {
  return (jwks.keys ?? []).map((key) =>
    createPublicKey({ key, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString(),
  );
}

/** One GET that accepts the JWKS media type too (the API server answers 406 to `Accept: application/json` alone). */
async function getWithAccept(
  target: KubeTarget,
  path: string,
  bearer: string,
): Promise<{ status: number; text: string; url: string }> {
  const headers = { Accept: 'application/json, application/jwk-set+json', Authorization: `Bearer ${bearer}` };
  const answer = await request(new URL(path, target.server).toString(), { headers, ca: target.ca, timeoutMs: 15_000 });
  return { status: answer.status, text: answer.text, url: answer.url };
}

/**
 * `curl -H "Authorization: Bearer $TOKEN" $KUBE_API/.well-known/openid-configuration` and the JWKS it names.
 * A service account may read both (the default binding of system:service-account-issuer-discovery).
 */
export async function issuerKeys(target: KubeTarget, bearer: string): Promise<IssuerKeys> {
  const get = async (path: string) => {
    const { status, text, url } = await getWithAccept(target, path, bearer);
    if (status !== 200)
      throw new HttpError(
        'GET',
        url,
        status,
        text,
        "use a service-account token for the API server's audience as the bearer",
      );
    return JSON.parse(text) as Record<string, unknown>;
  };
  const discovery = await get('/.well-known/openid-configuration');
  const jwksUri = String(discovery.jwks_uri ?? '');
  const jwks = await get(new URL(jwksUri).pathname);
  const algs = (discovery.id_token_signing_alg_values_supported as string[] | undefined) ?? [];
  return { issuer: String(discovery.issuer ?? ''), jwksUri, pems: jwksToPem(jwks as { keys?: JsonWebKey[] }), algs };
}

/** `vault write auth/MOUNT/config jwt_validation_pubkeys=@key.pem bound_issuer=ISS jwt_supported_algs=ALG` */
export function configureJwtAuth(v: VaultHandle, mount: string, keys: IssuerKeys): Promise<VaultResponse> {
  return v.must('POST', `auth/${mount}/config`, {
    jwt_validation_pubkeys: keys.pems,
    bound_issuer: keys.issuer,
    jwt_supported_algs: keys.algs,
  });
}

/** `vault write auth/MOUNT/role/NAME role_type=jwt user_claim=sub bound_subject=SUB bound_audiences=AUD` */
export function writeJwtRole(
  v: VaultHandle,
  mount: string,
  name: string,
  role: { subject: string; audience: string },
): Promise<VaultResponse> {
  return v.must('POST', `auth/${mount}/role/${name}`, {
    role_type: 'jwt',
    user_claim: 'sub',
    bound_subject: role.subject,
    bound_audiences: [role.audience],
    token_policies: ['default'],
    token_ttl: '10m',
  });
}
