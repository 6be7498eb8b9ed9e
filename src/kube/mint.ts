// Signing service-account JWTs with the cluster's own key. The lab uses it for one thing: a token that
// expired an hour ago, which TokenRequest cannot give (its shortest lifetime is ten minutes). The copy keeps
// every claim of a real token and only moves its times, so the API server judges it like one it issued.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { LabError } from '../errors.js';
import { decodeJwt } from '../jwt.js';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The `kid` the API server puts in its tokens: SHA-256 of the public key's DER (PKIX), base64url. */
export function keyIdFor(key: KeyObject | string): string {
  const pub = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return b64url(
    createHash('sha256')
      .update(pub.export({ type: 'spki', format: 'der' }))
      .digest(),
  );
}

/** The JWS algorithm for a key, as kube-apiserver picks it: ES256 for P-256, RS256 for RSA. */
export function algorithmFor(key: KeyObject): 'ES256' | 'ES384' | 'ES512' | 'RS256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
  }
  throw new LabError(
    `Cannot sign service-account tokens with a ${key.asymmetricKeyType} key.`,
    "use the API server's --service-account-signing-key-file (RSA or ECDSA)",
  );
}

const HASH = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', RS256: 'sha256' } as const;

/** Signs claims as a compact JWS with the given private key (PEM), with the API server's header. */
export function signJwt(claims: Record<string, unknown>, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  const alg = algorithmFor(key);
  const input = `${b64url(JSON.stringify({ alg, kid: keyIdFor(key) }))}.${b64url(JSON.stringify(claims))}`;
  // JWS wants ECDSA signatures as r||s, not DER.
  const signature = sign(
    HASH[alg],
    Buffer.from(input),
    alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key,
  );
  return `${input}.${b64url(signature)}`;
}

/**
 * A copy of `jwt`, re-signed with the key that signed it, whose lifetime ended `secondsAgo` seconds ago.
 * Refuses a key whose kid differs from the token's, so the copy is never signed by a stranger.
 */
export function expiredCopy(jwt: string, privateKeyPem: string, secondsAgo = 3600, now = new Date()): string {
  const { header, claims } = decodeJwt(jwt);
  const kid = keyIdFor(privateKeyPem);
  if (header.kid !== undefined && header.kid !== kid) {
    throw new LabError(
      `The signing key's kid (${kid}) is not the token's kid (${String(header.kid)}).`,
      'read the key from the API server that issued the token (--service-account-signing-key-file)',
    );
  }
  const iat = typeof claims.iat === 'number' ? claims.iat : Math.floor(now.getTime() / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : iat + 3600;
  const shift = exp - (Math.floor(now.getTime() / 1000) - secondsAgo);
  const moved: Record<string, unknown> = { ...claims, exp: exp - shift, iat: iat - shift };
  if (typeof claims.nbf === 'number') moved.nbf = claims.nbf - shift;
  return signJwt(moved, privateKeyPem);
}
