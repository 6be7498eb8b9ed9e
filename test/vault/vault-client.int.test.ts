// Vault's kubernetes auth against the real API server: with no reviewer JWT, Vault sends the client's
// own JWT as the TokenReview bearer, so login works only once that service account is bound.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { until, untilStatus } from '../../src/notebook/session.js';
import { lab, uniqueName } from '../helpers.js';

const { kube, vault, state, target } = lab();
const namespace = uniqueName('vault-test');
const sa = { namespace, name: 'app' };
const binding = uniqueName('vault-test-auth-delegator');
const mount = uniqueName('k8s');
const role = 'app';
let jwt = '';

const loginUntil = (expected: number) => untilStatus(expected, () => vault.login(role, jwt, mount));

beforeAll(async () => {
  await kube.ensureNamespace(namespace);
  await kube.ensureServiceAccount(sa);
  jwt = await kube.requestToken(sa);
  await vault.must('POST', `sys/auth/${mount}`, { type: 'kubernetes' });
  await vault.configureKubernetes(
    { kubernetesHost: state.kubeServer, kubernetesCaCert: target.ca, disableLocalCaJwt: true },
    mount,
  );
  await vault.writeRole(
    role,
    { boundServiceAccountNames: [sa.name], boundServiceAccountNamespaces: [namespace] },
    mount,
  );
});

afterAll(async () => {
  await kube.unbindClusterRole(binding);
  await kube.deleteNamespace(namespace);
  await vault.disableAuth(mount);
});

describe('Vault kubernetes auth without a reviewer JWT', () => {
  it('keeps the configuration it was given', async () => {
    const config = await vault.kubernetesConfig(mount);
    expect(config.kubernetes_host).toBe(state.kubeServer);
    expect(config.disable_local_ca_jwt).toBe(true);
  });

  it("reads back the role and names the mount's accessor", async () => {
    const data = await vault.role(role, mount);
    expect(data.bound_service_account_names).toEqual([sa.name]);
    expect(data.bound_service_account_namespaces).toEqual([namespace]);
    expect(await vault.authAccessor(mount)).toMatch(/^auth_kubernetes_[0-9a-f]+$/);
  });

  it('denies the login while the service account may not create TokenReviews', async () => {
    // A binding another test removed reaches the authorizer a moment late, so wait for the 403.
    const res = await loginUntil(403);
    expect(res.status).toBe(403);
    expect(res.errors).toEqual(['permission denied']);
  });

  it('grants the login once the service account is bound to system:auth-delegator', async () => {
    onTestFinished(async () => {
      await kube.unbindClusterRole(binding);
    });
    await kube.bindClusterRole(binding, sa);
    const res = await loginUntil(200);
    expect(res.status).toBe(200);
    const auth = res.json?.auth;
    expect(auth?.client_token).toBeTruthy();
    expect(auth?.metadata).toMatchObject({ service_account_name: sa.name, service_account_namespace: namespace, role });
  });

  it('refuses a service account name or namespace the role does not allow', async () => {
    const other = { namespace, name: 'other' };
    await kube.ensureServiceAccount(other);
    onTestFinished(async () => {
      await kube.unbindClusterRole(`${binding}-other`);
    });
    await kube.bindClusterRole(`${binding}-other`, other);
    const otherJwt = await kube.requestToken(other);
    const res = await until(
      (r) => r.errors.join() === 'service account name not authorized',
      () => vault.login(role, otherJwt, mount),
    );
    expect(res.errors).toEqual(['service account name not authorized']);
  });
});
