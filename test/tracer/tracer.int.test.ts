// The TokenReview tracer between the real Vault and the real API server: it records who was the bearer of each
// review and what came back, for a login granted through a bound reviewer and one refused with the client's own
// JWT as the bearer. It passes requests on with the caller's credential and none of its own, and keeps no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountUser } from '../../src/kube/tokens.js';
import { LOOPBACK } from '../../src/ports.js';
import { rawRequest } from '../../src/http.js';
import { until } from '../../src/notebook/session.js';
import { startTracer, type Tracer } from '../../src/tracer/proxy.js';
import { lab, uniqueName } from '../helpers.js';

const { kube, vault, target } = lab();
const namespace = uniqueName('tracer-test');
const app = { namespace, name: 'app' };
const reviewer = { namespace, name: 'reviewer' };
const binding = uniqueName('tracer-test-reviewer');
const mount = uniqueName('kubernetes-traced');
const REVIEWS = { verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' };
let tracer: Tracer;
let appJwt = '';
let reviewerJwt = '';

beforeAll(async () => {
  tracer = await startTracer({ upstream: target, listen: LOOPBACK });
  await kube.ensureNamespace(namespace);
  for (const sa of [app, reviewer]) await kube.ensureServiceAccount(sa);
  await kube.bindClusterRole(binding, reviewer);
  await until(
    (a) => a.allowed,
    () => kube.canAs(reviewer, REVIEWS),
  );
  [appJwt, reviewerJwt] = await Promise.all([kube.requestToken(app), kube.requestToken(reviewer)]);
  await vault.enableKubernetesAuth(mount);
  await vault.writeRole(
    'app',
    { boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: [namespace] },
    mount,
  );
});

afterAll(async () => {
  try {
    await vault.disableAuth(mount);
    await kube.unbindClusterRole(binding);
    await kube.deleteNamespace(namespace);
  } finally {
    await tracer.stop();
  }
});

const throughTracer = (tokenReviewerJwt?: string) =>
  vault.configureKubernetes(
    { kubernetesHost: tracer.url, kubernetesCaCert: tracer.ca, disableLocalCaJwt: true, tokenReviewerJwt },
    mount,
  );

describe('the TokenReview tracer', () => {
  it('records a granted login: the bound reviewer as bearer, 201, authenticated as the client', async () => {
    await throughTracer(reviewerJwt);
    const before = tracer.entries.length;
    const login = await vault.login('app', appJwt, mount);
    expect(login.status).toBe(200);
    expect(tracer.entries.slice(before)).toEqual([
      expect.objectContaining({
        bearer: serviceAccountUser(reviewer),
        reviewed: serviceAccountUser(app),
        status: 201,
        authenticated: true,
        user: serviceAccountUser(app),
      }),
    ]);
  });

  it("records a refused login: the client's own JWT as bearer, and the API server's 403 with its reason", async () => {
    await throughTracer();
    const before = tracer.entries.length;
    const login = await vault.login('app', appJwt, mount);
    expect([login.status, login.errors]).toEqual([403, ['permission denied']]);
    const [entry, ...more] = tracer.entries.slice(before);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ bearer: serviceAccountUser(app), status: 403, authenticated: false });
    expect(entry?.reason).toContain(`User "${serviceAccountUser(app)}" cannot create resource "tokenreviews"`);
  });

  it('keeps no token: not in its record, not the reviewed one and not the bearer', () => {
    const record = JSON.stringify(tracer.entries);
    expect(tracer.entries.length).toBeGreaterThanOrEqual(2);
    for (const token of [appJwt, reviewerJwt]) expect(record).not.toContain(token.split('.')[2]);
  });

  it('adds no credential of its own: a request without one reaches the API server as system:anonymous', async () => {
    const res = await rawRequest({ server: tracer.url, ca: tracer.ca }, { method: 'GET', path: '/api/v1/namespaces' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('User \\"system:anonymous\\" cannot list resource \\"namespaces\\"');
  });
});
