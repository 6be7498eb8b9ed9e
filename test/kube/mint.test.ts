import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { decodeJwt } from '../../src/jwt.js';
import { algorithmFor, expiredCopy, keyIdFor, signJwt } from '../../src/kube/mint.js';

const pem = (type: 'ec' | 'rsa') => {
  const { privateKey } =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
};
const EC = pem('ec');
const RSA = pem('rsa');

function verifies(jwt: string, keyPem: string): boolean {
  const [h, c, s] = jwt.split('.') as [string, string, string];
  const key = createPublicKey(keyPem);
  const alg = decodeJwt(jwt).header.alg;
  const data = Buffer.from(`${h}.${c}`);
  const sig = Buffer.from(s, 'base64url');
  return alg === 'ES256'
    ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)
    : verify('sha256', data, key, sig);
}

describe('signJwt', () => {
  it('signs with ES256 for a P-256 key and RS256 for RSA, with a signature that verifies', () => {
    for (const [key, alg] of [
      [EC, 'ES256'],
      [RSA, 'RS256'],
    ] as const) {
      const jwt = signJwt({ sub: 'system:serviceaccount:ns:app' }, key);
      expect(decodeJwt(jwt).header).toEqual({ alg, kid: keyIdFor(key) });
      expect(decodeJwt(jwt).claims).toEqual({ sub: 'system:serviceaccount:ns:app' });
      expect(verifies(jwt, key)).toBe(true);
    }
  });

  it('names the algorithm the API server would use', () => {
    expect(algorithmFor(createPublicKey(EC))).toBe('ES256');
    expect(algorithmFor(createPublicKey(RSA))).toBe('RS256');
    const ed = generateKeyPairSync('ed25519').publicKey;
    expect(() => algorithmFor(ed)).toThrow(LabError);
  });
});

describe('keyIdFor', () => {
  it('is the base64url SHA-256 of the public key DER, the same from the private or the public key', () => {
    const kid = keyIdFor(EC);
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyIdFor(createPublicKey(EC))).toBe(kid);
    expect(keyIdFor(RSA)).not.toBe(kid);
  });
});

describe('expiredCopy', () => {
  const now = new Date('2025-11-29T12:00:00Z');
  const nowS = now.getTime() / 1000;
  const real = signJwt(
    {
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:ns:app',
      aud: ['x'],
      iat: nowS - 60,
      nbf: nowS - 60,
      exp: nowS + 3540,
    },
    EC,
  );

  it('keeps every claim, keeps the lifetime, and ends it secondsAgo seconds before now', () => {
    const copy = decodeJwt(expiredCopy(real, EC, 3600, now));
    expect(copy.claims).toMatchObject({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:ns:app',
      aud: ['x'],
    });
    expect(copy.claims.exp).toBe(nowS - 3600);
    expect(copy.claims.iat).toBe(nowS - 3600 - 3600);
    expect(copy.claims.nbf).toBe(copy.claims.iat);
  });

  it('is signed by the same key, so it verifies like the original', () => {
    expect(verifies(expiredCopy(real, EC, 3600, now), EC)).toBe(true);
  });

  it('refuses a key that did not sign the token', () => {
    expect(() => expiredCopy(real, pem('ec'), 3600, now)).toThrow(/kid/);
  });
});
