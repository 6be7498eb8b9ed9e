import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { Kube, execOutcome, podWaitingReason, serviceAccountGroups, serviceAccountUser, tokenFacts, tokenReaderPod } from '../../src/kube/client.js';

// Tokens are assembled at run time so no JWT ever sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => [part({ alg: 'RS256', kid: 'k' }), part(claims), randomBytes(64).toString('base64url')].join('.');
const sa = { namespace: 'lab-tokens', name: 'app' };

describe('service-account names', () => {
  it('gives the user and the groups the API server assigns', () => {
    expect(serviceAccountUser(sa)).toBe('system:serviceaccount:lab-tokens:app');
    expect(serviceAccountGroups(sa)).toEqual(['system:serviceaccounts', 'system:serviceaccounts:lab-tokens', 'system:authenticated']);
  });
});

describe('tokenReaderPod', () => {
  it('runs one sleeping container as the service account', () => {
    const pod = tokenReaderPod(sa, 'token-reader', 'busybox:test');
    expect(pod.metadata).toMatchObject({ name: 'token-reader', namespace: 'lab-tokens' });
    expect(pod.spec?.serviceAccountName).toBe('app');
    expect(pod.spec?.containers).toEqual([{ name: 'reader', image: 'busybox:test', imagePullPolicy: 'IfNotPresent', command: ['sleep', '86400'] }]);
  });
});

describe('execOutcome', () => {
  it('returns stdout on Success', () => {
    expect(execOutcome(['cat', 'f'], { status: 'Success' }, 'text', '')).toBe('text');
  });

  it('names the command and its exit code on failure, with stderr', () => {
    const status = { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '1' }] } };
    const error = (() => {
      try {
        execOutcome(['cat', '/nope'], status, '', 'cat: /nope: No such file or directory\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toBe('kubectl exec -- cat /nope exited with code 1.');
    expect((error as LabError).details).toBe('Command output:\ncat: /nope: No such file or directory');
  });

  it('refuses a stream that closed without a status', () => {
    expect(() => execOutcome(['cat', 'f'], undefined, '', '')).toThrow('ended without an exit status');
  });
});

describe('podWaitingReason', () => {
  it('prefers the container waiting reason, then the scheduling condition, then the phase', () => {
    const waiting: V1Pod = { status: { phase: 'Pending', containerStatuses: [{ name: 'reader', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: 'not found' } } }] } };
    expect(podWaitingReason(waiting)).toBe('ErrImagePull: not found');
    const unscheduled: V1Pod = { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } };
    expect(podWaitingReason(unscheduled)).toBe('Unschedulable');
    expect(podWaitingReason({ status: { phase: 'Pending' } })).toBe('Pending');
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
      'kubernetes.io': { namespace: 'lab-tokens', pod: { name: 'token-reader' }, node: { name: 'n1' }, serviceaccount: { name: 'app' }, warnafter: iat + 3607 },
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
    const facts = tokenFacts(jwt({ iss: 'i', aud: ['vault', 'other'], iat, exp: iat + 600, 'kubernetes.io': { serviceaccount: { name: 'app' } } }));
    expect(facts).toMatchObject({ audience: 'vault, other', lifetime: '10m', bound: 'ServiceAccount app only', stale: '-' });
  });

  it('reads a legacy Secret token: no audience, no expiry', () => {
    const facts = tokenFacts(jwt({ iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/secret.name': 'app-token', sub: 'system:serviceaccount:lab-tokens:app' }));
    expect(facts).toEqual({ issuer: 'kubernetes/serviceaccount', audience: '(none)', lifetime: 'forever (no exp)', bound: 'Secret app-token (legacy)', stale: '-' });
  });
});

describe('Kube against a local HTTP server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** Answers every request with `reply` and records what the client sent. */
  async function fakeApi(reply: unknown, status = 201): Promise<{ kube: Kube; seen: Array<{ method?: string; url?: string; body: unknown }> }> {
    const seen: Array<{ method?: string; url?: string; body: unknown }> = [];
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((ready) => server?.listen(0, '127.0.0.1', ready));
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return { kube: new Kube(config), seen };
  }

  it('asks TokenRequest for a pod-bound token the way the kubelet does', async () => {
    const { kube, seen } = await fakeApi({ status: { token: 't', expirationTimestamp: new Date().toISOString() } });
    expect(await kube.requestToken(sa, { expirationSeconds: 3607, boundPod: { name: 'token-reader', uid: 'u-1' } })).toBe('t');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/lab-tokens/serviceaccounts/app/token' });
    expect((seen[0]?.body as { spec: unknown }).spec).toEqual({ audiences: [], expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'token-reader', uid: 'u-1' } });
  });

  it('creates a TokenReview with the token under review in spec.token', async () => {
    const { kube, seen } = await fakeApi({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 't' }, status: { authenticated: true } });
    const review = await kube.createTokenReview('t');
    expect(review.status?.authenticated).toBe(true);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/apis/authentication.k8s.io/v1/tokenreviews', body: { kind: 'TokenReview', spec: { token: 't' } } });
  });

  it('keeps an existing pod: a 409 from the second run means "exists"', async () => {
    const { kube, seen } = await fakeApi({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409 }, 409);
    expect(await kube.ensurePod(tokenReaderPod(sa, 'token-reader'))).toBe('exists');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/lab-tokens/pods' });
  });

  it('reads a Secret by namespace and name', async () => {
    const { kube, seen } = await fakeApi({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-token', labels: { a: 'b' } } }, 200);
    expect((await kube.readSecret('lab-tokens', 'app-token')).metadata?.labels).toEqual({ a: 'b' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/namespaces/lab-tokens/secrets/app-token' });
  });
});
