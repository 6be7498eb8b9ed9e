import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwksToPem } from '../../src/vault/jwt-auth.js';

describe('jwksToPem', () => {
  it('turns EC and RSA keys of a JWKS into SPKI PEM blocks that match the original keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const pems = jwksToPem({ keys: [ec.export({ format: 'jwk' }), rsa.export({ format: 'jwk' })] });
    expect(pems).toEqual([ec.export({ type: 'spki', format: 'pem' }), rsa.export({ type: 'spki', format: 'pem' })]);
    expect(pems[0]).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('gives no keys for a JWKS without keys', () => {
    expect(jwksToPem({})).toEqual([]);
  });
});
