import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { Kube } from '../../src/kube/kube-client.js';
import { tokenReaderPod } from '../../src/kube/pods.js';

const sa = { namespace: 'lab-tokens', name: 'app' };

describe('Kube against a local HTTP server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** Answers every request with `reply` and records what the client sent. */
  async function fakeApi(
    reply: unknown,
    status = 201,
  ): Promise<{ kube: Kube; seen: Array<{ method?: string; url?: string; body: unknown }> }> {
    const seen: Array<{ method?: string; url?: string; body: unknown }> = [];
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined,
        });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((ready) => server?.listen(0, '127.0.0.1', ready));
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [
        { name: 'c', server: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, skipTLSVerify: true },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return { kube: new Kube(config), seen };
  }

  it('asks TokenRequest for a pod-bound token the way the kubelet does', async () => {
    const { kube, seen } = await fakeApi({ status: { token: 't', expirationTimestamp: new Date().toISOString() } });
    expect(
      await kube.requestToken(sa, { expirationSeconds: 3607, boundPod: { name: 'token-reader', uid: 'u-1' } }),
    ).toBe('t');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/lab-tokens/serviceaccounts/app/token' });
    expect((seen[0]?.body as { spec: unknown }).spec).toEqual({
      audiences: [],
      expirationSeconds: 3607,
      boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'token-reader', uid: 'u-1' },
    });
  });

  it('creates a TokenReview with the token under review in spec.token', async () => {
    const { kube, seen } = await fakeApi({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token: 't' },
      status: { authenticated: true },
    });
    const review = await kube.createTokenReview('t');
    expect(review.status?.authenticated).toBe(true);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/apis/authentication.k8s.io/v1/tokenreviews',
      body: { kind: 'TokenReview', spec: { token: 't' } },
    });
  });

  it('keeps an existing pod: a 409 from the second run means "exists"', async () => {
    const { kube, seen } = await fakeApi(
      { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409 },
      409,
    );
    expect(await kube.ensurePod(tokenReaderPod(sa, 'token-reader'))).toBe('exists');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/lab-tokens/pods' });
  });

  it('reads a Secret by namespace and name', async () => {
    const { kube, seen } = await fakeApi(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-token', labels: { a: 'b' } } },
      200,
    );
    expect((await kube.readSecret('lab-tokens', 'app-token')).metadata?.labels).toEqual({ a: 'b' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/namespaces/lab-tokens/secrets/app-token' });
  });
});
