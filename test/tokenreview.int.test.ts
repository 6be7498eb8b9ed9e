// The article's claim, against the real API server: a service account can review tokens only with
// a ClusterRoleBinding to system:auth-delegator.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { serviceAccountUser } from '../src/kube/tokens.js';
import { untilStatus } from '../src/notebook/session.js';
import { postTokenReview, summarize } from '../src/tokenreview.js';
import { lab, uniqueName } from './helpers.js';

const { kube, target } = lab();
const namespace = uniqueName('tr-test');
const sa = { namespace, name: 'app' };
const binding = uniqueName('tr-test-auth-delegator');
let token = '';

/** Posts the TokenReview until the answer has the expected status: RBAC changes reach the authorizer a moment late. */
const reviewUntil = (expected: number) => untilStatus(expected, () => postTokenReview(target, { token }));

beforeAll(async () => {
  await kube.ensureNamespace(namespace);
  await kube.ensureServiceAccount(sa);
  token = await kube.requestToken(sa);
});

afterAll(async () => {
  await kube.unbindClusterRole(binding);
  await kube.deleteNamespace(namespace);
});

describe('system:auth-delegator', () => {
  it('exists with exactly its two rules', async () => {
    const role = await kube.getClusterRole('system:auth-delegator');
    expect(role.metadata?.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
    expect(role.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    const rules = (role.rules ?? []).map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs }));
    expect(rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
  });
});

describe('TokenReview with the service account token as bearer', () => {
  it('is forbidden without a binding, naming the service account', async () => {
    // A binding another test removed reaches the authorizer a moment late, so wait for the 403.
    const res = await reviewUntil(403);
    expect(res.status).toBe(403);
    const body = res.json as {
      kind: string;
      reason: string;
      code: number;
      message: string;
      details: { group: string; kind: string };
    };
    expect(body.kind).toBe('Status');
    expect(body.reason).toBe('Forbidden');
    expect(body.code).toBe(403);
    expect(body.details).toMatchObject({ group: 'authentication.k8s.io', kind: 'tokenreviews' });
    expect(body.message).toContain(`User "${serviceAccountUser(sa)}" cannot create resource "tokenreviews"`);
    expect(body.message).toContain('at the cluster scope');
  });

  it('authenticates the service account once it is bound, and is forbidden again when unbound', async () => {
    onTestFinished(async () => {
      await kube.unbindClusterRole(binding);
    });
    await kube.bindClusterRole(binding, sa);
    const granted = await reviewUntil(201);
    expect(granted.status).toBe(201);
    const outcome = summarize(granted);
    expect(outcome.authenticated).toBe(true);
    expect(outcome.username).toBe(serviceAccountUser(sa));
    expect(outcome.groups).toEqual(
      expect.arrayContaining(['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated']),
    );

    await kube.unbindClusterRole(binding);
    const refused = await reviewUntil(403);
    expect(refused.status).toBe(403);
  });

  it('answers authenticated: false for a token that is not real, when the caller may review', async () => {
    onTestFinished(async () => {
      await kube.unbindClusterRole(binding);
    });
    await kube.bindClusterRole(binding, sa);
    await reviewUntil(201);
    const res = await postTokenReview(target, { bearer: token, token: 'not-a-real-token' });
    expect(res.status).toBe(201);
    expect(summarize(res).authenticated).toBe(false);
  });
});
