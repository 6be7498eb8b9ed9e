import { describe, expect, it } from 'vitest';
import { TOKEN_SUCCESS_CACHE_MS } from '../../src/kube/tokens.js';
import { identityOf, TraceLog } from '../../src/tracer/trace.js';

/** An unsigned JWT with these claims: the tracer only reads claims, it never verifies. */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.c2ln';
const VAULT = jwt({ sub: 'system:serviceaccount:vault:vault', 'kubernetes.io': { pod: { name: 'vault-0' } } });
const APP = jwt({ sub: 'system:serviceaccount:lab-app:app' });
const review = (token: string, audiences?: string[]) => JSON.stringify({ spec: { token, audiences } });
const granted = JSON.stringify({
  status: { authenticated: true, user: { username: 'system:serviceaccount:lab-app:app' } },
});
const refused = JSON.stringify({ kind: 'Status', message: 'tokenreviews.authentication.k8s.io is forbidden: User …' });

describe('identityOf', () => {
  it('names a JWT by its subject and the pod it is bound to, and anything else by what it is', () => {
    expect(identityOf(VAULT)).toBe('system:serviceaccount:vault:vault (pod vault-0)');
    expect(identityOf(APP)).toBe('system:serviceaccount:lab-app:app');
    expect(identityOf('hvs.opaque')).toBe('not a JWT (10 chars)');
    expect(identityOf(undefined)).toBe('no token');
  });
});

describe('TraceLog', () => {
  it('records bearer, reviewed token, audiences, answer and latency, and never a token', () => {
    const log = new TraceLog();
    const entry = log.add(
      { authorization: `Bearer ${VAULT}`, requestBody: review(APP, ['vault']), status: 201, responseBody: granted },
      1000,
      1012,
    );
    expect(entry).toMatchObject({
      bearer: 'system:serviceaccount:vault:vault (pod vault-0)',
      reviewed: 'system:serviceaccount:lab-app:app',
      audiences: ['vault'],
      status: 201,
      authenticated: true,
      user: 'system:serviceaccount:lab-app:app',
      latencyMs: 12,
      cacheable: false,
    });
    expect(JSON.stringify(log.entries)).not.toContain(APP.split('.')[1]);
    expect(JSON.stringify(log.entries)).not.toContain(VAULT.split('.')[1]);
  });

  it("gives a refusal's reason, and the bearer's absence", () => {
    const entry = new TraceLog().add({ requestBody: review(APP), status: 403, responseBody: refused }, 0, 3);
    expect(entry).toMatchObject({ bearer: 'no token', status: 403, authenticated: false, audiences: [] });
    expect(entry.reason).toMatch(/^tokenreviews.authentication.k8s.io is forbidden/);
  });

  it('says the cache could answer only for the same token and audiences, passed less than 10 s before', () => {
    const log = new TraceLog();
    const add = (at: number, audiences: string[], status = 201) =>
      log.add({ requestBody: review(APP, audiences), status, responseBody: status === 201 ? granted : refused }, at, at)
        .cacheable;
    expect(add(0, ['a'])).toBe(false);
    expect(add(TOKEN_SUCCESS_CACHE_MS - 1, ['a'])).toBe(true);
    expect(add(TOKEN_SUCCESS_CACHE_MS - 1, ['b'])).toBe(false);
    expect(add(TOKEN_SUCCESS_CACHE_MS - 1, ['a'], 403)).toBe(false);
    expect(add(3 * TOKEN_SUCCESS_CACHE_MS, ['a'])).toBe(false);
  });
});
