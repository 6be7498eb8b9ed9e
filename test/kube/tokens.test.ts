import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceAccountGroups, serviceAccountUser, tokenFacts } from '../../src/kube/tokens.js';

// Tokens are assembled at run time so no JWT ever sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) =>
  [part({ alg: 'RS256', kid: 'k' }), part(claims), randomBytes(64).toString('base64url')].join('.');
const sa = { namespace: 'lab-tokens', name: 'app' };

describe('service-account names', () => {
  it('gives the user and the groups the API server assigns', () => {
    expect(serviceAccountUser(sa)).toBe('system:serviceaccount:lab-tokens:app');
    expect(serviceAccountGroups(sa)).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:lab-tokens',
      'system:authenticated',
    ]);
  });
});

describe('tokenFacts', () => {
  const iat = 1_700_000_000;

  it('reads a kubelet token: bound to its pod and node, a year long, warning after an hour', () => {
    const token = jwt({
      iss: 'https://kubernetes.default.svc.cluster.local',
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat,
      exp: iat + 365 * 86400,
      'kubernetes.io': {
        namespace: 'lab-tokens',
        pod: { name: 'token-reader' },
        node: { name: 'n1' },
        serviceaccount: { name: 'app' },
        warnafter: iat + 3607,
      },
    });
    expect(tokenFacts(token)).toEqual({
      issuer: 'https://kubernetes.default.svc.cluster.local',
      audience: 'https://kubernetes.default.svc.cluster.local',
      lifetime: '365d',
      bound: 'Pod token-reader (on node n1)',
      stale: 'after 1h',
    });
  });

  it('reads a TokenRequest token bound to nothing but its service account', () => {
    const facts = tokenFacts(
      jwt({
        iss: 'i',
        aud: ['vault', 'other'],
        iat,
        exp: iat + 600,
        'kubernetes.io': { serviceaccount: { name: 'app' } },
      }),
    );
    expect(facts).toMatchObject({
      audience: 'vault, other',
      lifetime: '10m',
      bound: 'ServiceAccount app only',
      stale: '-',
    });
  });

  it('reads a legacy Secret token: no audience, no expiry', () => {
    const facts = tokenFacts(
      jwt({
        iss: 'kubernetes/serviceaccount',
        'kubernetes.io/serviceaccount/secret.name': 'app-token',
        sub: 'system:serviceaccount:lab-tokens:app',
      }),
    );
    expect(facts).toEqual({
      issuer: 'kubernetes/serviceaccount',
      audience: '(none)',
      lifetime: 'forever (no exp)',
      bound: 'Secret app-token (legacy)',
      stale: '-',
    });
  });
});
