import { describe, expect, it } from 'vitest';
import { LabError } from '../src/errors.js';
import { audiences, claimRows, decodeJwt, formatSpan, isJwt } from '../src/jwt.js';

// Tokens are assembled at run time so no JWT ever sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = Buffer.from('not a real signature, only bytes in the right place').toString('base64url');
const makeJwt = (claims: Record<string, unknown>, sig = signature) =>
  [part({ alg: 'RS256', kid: 'k1' }), part(claims), sig].join('.');

const NOW = new Date('2025-01-01T12:00:00Z');
const now = NOW.getTime() / 1000;

const tokenRequestClaims = {
  aud: ['https://kubernetes.default.svc.cluster.local'],
  exp: now + 59 * 60,
  iat: now - 60,
  iss: 'https://kubernetes.default.svc.cluster.local',
  jti: 'b3c1',
  'kubernetes.io': {
    namespace: 'demo',
    node: { name: 'lab-control-plane', uid: 'node-uid' },
    pod: { name: 'app-7d9', uid: 'pod-uid' },
    serviceaccount: { name: 'vault-auth', uid: 'sa-uid' },
    warnafter: now + 50 * 60,
  },
  nbf: now - 60,
  sub: 'system:serviceaccount:demo:vault-auth',
};

const legacyClaims = {
  iss: 'kubernetes/serviceaccount',
  'kubernetes.io/serviceaccount/namespace': 'demo',
  'kubernetes.io/serviceaccount/secret.name': 'vault-auth-token',
  'kubernetes.io/serviceaccount/service-account.name': 'vault-auth',
  'kubernetes.io/serviceaccount/service-account.uid': 'sa-uid',
  sub: 'system:serviceaccount:demo:vault-auth',
};

function thrown(fn: () => unknown): LabError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe('decodeJwt', () => {
  it('decodes header and claims without verifying', () => {
    const decoded = decodeJwt(makeJwt(tokenRequestClaims));
    expect(decoded.header).toEqual({ alg: 'RS256', kid: 'k1' });
    expect(decoded.claims).toEqual(tokenRequestClaims);
    expect(decoded.signaturePresent).toBe(true);
  });

  it('accepts a Bearer prefix and surrounding whitespace, and notices a missing signature', () => {
    const decoded = decodeJwt(`  Bearer ${makeJwt({ sub: 'x' }, '')}\n`);
    expect(decoded.claims).toEqual({ sub: 'x' });
    expect(decoded.signaturePresent).toBe(false);
  });

  it('names the wrong part count and never echoes the token', () => {
    const [header, claims] = makeJwt(tokenRequestClaims).split('.') as [string, string];
    const error = thrown(() => decodeJwt(`${header}.${claims}`));
    expect(error.message).toContain('expected 3 dot-separated parts');
    expect(error.message).toContain('found 2');
    expect(error.message).not.toContain(claims);
    expect(error.fix).toContain('kubectl create token');
    expect(error.message).toMatch(/Fix: /);
  });

  it('names the header when the header is bad', () => {
    const token = makeJwt(tokenRequestClaims);
    const error = thrown(() => decodeJwt(`not*base64${token.slice(token.indexOf('.'))}`));
    expect(error.message).toContain('the header (part 1 of 3)');
    expect(error.message).not.toContain(token.split('.')[1]);
  });

  it('names the claims when they are not JSON', () => {
    const token = [part({ alg: 'RS256' }), Buffer.from('not json').toString('base64url'), signature].join('.');
    const error = thrown(() => decodeJwt(token));
    expect(error.message).toContain('the claims (part 2 of 3) does not decode to JSON');
    expect(error.message).not.toContain(signature);
  });

  it('names an empty part, a non-object, a wrapped copy and an encrypted JWE', () => {
    expect(thrown(() => decodeJwt(`.${part({})}.${signature}`)).message).toContain('header (part 1 of 3) is empty');
    expect(thrown(() => decodeJwt([part({ alg: 'x' }), part([1]), signature].join('.'))).message).toContain(
      'not to an object',
    );
    const token = makeJwt({ sub: 'x' });
    expect(thrown(() => decodeJwt(`${token.slice(0, 20)}\n${token.slice(20)}`)).message).toContain('whitespace');
    expect(thrown(() => decodeJwt('a.b.c.d.e')).message).toContain('encrypted JWE');
    expect(thrown(() => decodeJwt([part({ alg: 'x' }), part({}), 'bad+sig'].join('.'))).message).toContain('signature');
  });
});

describe('audiences', () => {
  it('reads aud as a list whether the token gives one string, a list or none', () => {
    expect(audiences(makeJwt({ aud: ['https://kubernetes.default.svc.cluster.local', 'vault'] }))).toEqual([
      'https://kubernetes.default.svc.cluster.local',
      'vault',
    ]);
    expect(audiences(makeJwt({ aud: 'vault' }))).toEqual(['vault']);
    expect(audiences(makeJwt({ sub: 'x' }))).toEqual([]);
  });
});

describe('isJwt', () => {
  it('tells JWTs from other strings', () => {
    expect(isJwt(makeJwt({ sub: 'x' }))).toBe(true);
    expect(isJwt('hvs.' + 'a1B2'.repeat(6))).toBe(false);
    expect(isJwt('<YOUR_SERVICE_ACCOUNT_TOKEN>')).toBe(false);
    expect(isJwt('a.b.c')).toBe(false);
    expect(isJwt([part({ typ: 'JWT' }), part({}), signature].join('.'))).toBe(false);
  });
});

describe('formatSpan', () => {
  it('reads like a person', () => {
    expect(formatSpan(42)).toBe('42s');
    expect(formatSpan(-59 * 60 - 30)).toBe('59m');
    expect(formatSpan(3600)).toBe('1h');
    expect(formatSpan(5 * 3600 + 3 * 60)).toBe('5h 3m');
    expect(formatSpan(365 * 86400)).toBe('365d');
  });
});

describe('claimRows', () => {
  it('lists a TokenRequest token with times and flattened kubernetes.io claims', () => {
    const rows = claimRows(tokenRequestClaims, NOW);
    expect(rows.map((row) => row.claim)).toEqual([
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'nbf',
      'kubernetes.io/namespace',
      'kubernetes.io/node.name',
      'kubernetes.io/node.uid',
      'kubernetes.io/pod.name',
      'kubernetes.io/pod.uid',
      'kubernetes.io/serviceaccount.name',
      'kubernetes.io/serviceaccount.uid',
      'kubernetes.io/warnafter',
      'jti',
    ]);
    const value = (claim: string) => rows.find((row) => row.claim === claim)?.value;
    expect(value('exp')).toBe('2025-01-01T12:59:00.000Z (expires in 59m)');
    expect(value('iat')).toBe('2025-01-01T11:59:00.000Z (1m ago)');
    expect(value('kubernetes.io/warnafter')).toBe('2025-01-01T12:50:00.000Z (in 50m)');
    expect(value('aud')).toBe('https://kubernetes.default.svc.cluster.local');
    expect(value('kubernetes.io/serviceaccount.name')).toBe('vault-auth');
  });

  it('says when a token has expired or is not yet valid', () => {
    const rows = claimRows({ exp: now - 180, nbf: now + 120, aud: ['a', 'b'], extra: { x: 1 } }, NOW);
    expect(rows).toContainEqual({ claim: 'exp', value: '2025-01-01T11:57:00.000Z (expired 3m ago)' });
    expect(rows).toContainEqual({ claim: 'nbf', value: '2025-01-01T12:02:00.000Z (not valid for another 2m)' });
    expect(rows).toContainEqual({ claim: 'aud', value: 'a, b' });
    expect(rows).toContainEqual({ claim: 'extra', value: '{"x":1}' });
  });

  it('gives a legacy Secret token the same row names, and says it never expires', () => {
    const rows = claimRows(legacyClaims, NOW);
    expect(rows).toEqual([
      { claim: 'iss', value: 'kubernetes/serviceaccount' },
      { claim: 'sub', value: 'system:serviceaccount:demo:vault-auth' },
      { claim: 'exp', value: '(none: this token never expires)' },
      { claim: 'kubernetes.io/namespace', value: 'demo' },
      { claim: 'kubernetes.io/secret.name', value: 'vault-auth-token' },
      { claim: 'kubernetes.io/serviceaccount.name', value: 'vault-auth' },
      { claim: 'kubernetes.io/serviceaccount.uid', value: 'sa-uid' },
    ]);
  });

  it('keeps a kubernetes.io claim that is not an object', () => {
    expect(claimRows({ exp: now, 'kubernetes.io': 'odd' }, NOW)).toContainEqual({
      claim: 'kubernetes.io',
      value: 'odd',
    });
  });

  it('flags a time claim that is not a number', () => {
    expect(claimRows({ exp: 'soon' }, NOW)).toContainEqual({ claim: 'exp', value: '"soon" (not a NumericDate)' });
  });
});
