// A hostile learner against a real workshop: learner A, with nothing but A's own bearer token and Vault
// token, tries every path the README's threat model says is closed, and each refusal asserted here is the
// real API server's or Vault's. Then the host's teardown runs after a relabelled namespace and a namespace
// held by a finalizer, and every object list, with UIDs, must be what it was before prepare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenReaderPod } from '../../../src/kube/pods.js';
import { LEARNER_RULES } from '../../../src/lab/workshop/rights.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { silent } from '../../../src/output/steps.js';
import { uniqueName } from '../../helpers.js';
import { type Answer, curlAs, expectUnchanged, learner, localHost, snapshot, type Learner } from './fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const host = await localHost();
const dir = tempDir('redteam');
const base = uniqueName('r').replace('-', '');
const [A, B] = [`${base}-01`, `${base}-02`];
const HOST_MOUNT = `${base}-99-kubernetes`;
let before: Record<string, string[]>;
let a: Learner;
let b: Learner;
let asA: ReturnType<typeof curlAs>;

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const crb = (name: string, role: string, subject: Record<string, string>) => ({
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [subject],
});
const sa = (namespace: string, name: string) => ({ kind: 'ServiceAccount', namespace, name });
const refusedBy = (answer: Answer, words: string | RegExp) => {
  expect(answer.status, answer.message).toBe(403);
  expect(answer.message).toMatch(words);
};

beforeAll(async () => {
  // The host's own things, which no learner may reach and teardown must leave: an admin policy, and a mount named like a learner's.
  await host.vault.must('PUT', 'sys/policies/acl/host-admin', {
    policy: 'path "*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }',
  });
  await host.vault.must('POST', `sys/auth/${HOST_MOUNT}`, { type: 'kubernetes' });
  before = await snapshot(host);
  await prepare(host, { learners: 2, prefix: base, dir, hours: 2 }, silent);
  a = learner(dir, A);
  b = learner(dir, B);
  asA = curlAs(host, a.token);
});

afterAll(async () => {
  try {
    await teardownWorkshop(host, silent).catch(() => undefined);
    await host.vault.request('DELETE', `sys/auth/${HOST_MOUNT}`);
    await host.vault.request('DELETE', 'sys/policies/acl/host-admin');
  } finally {
    removeTempDirs();
  }
});

describe("learner A, with A's own kubeconfig, against the real API server", () => {
  it('binds system:auth-delegator to its own accounts only: not to a group, a host account, B, or a user', async () => {
    const foreign = [
      { kind: 'Group', name: 'system:authenticated' },
      sa('kube-system', 'default'),
      sa(`${B}-lab-review`, 'app'),
      { kind: 'User', name: 'alice' },
    ];
    for (const [i, subject] of foreign.entries()) {
      refusedBy(
        await asA('POST', `${RBAC}/clusterrolebindings`, crb(`${A}-steal-${i}`, 'system:auth-delegator', subject)),
        /may bind only service accounts in their own namespaces/,
      );
    }
    expect(
      (
        await asA(
          'POST',
          `${RBAC}/clusterrolebindings`,
          crb(`${A}-lab-review-app-auth-delegator`, 'system:auth-delegator', sa(`${A}-lab-review`, 'app')),
        )
      ).status,
    ).toBe(201);
  });

  it('binds neither the shared learner role nor its own copy of it to anyone else', async () => {
    refusedBy(
      await asA(
        'POST',
        `${RBAC}/clusterrolebindings`,
        crb(`${A}-learner`, 'auth-delegator-lab-workshop-learner', sa(`${A}-lab-review`, 'app')),
      ),
      /may bind system:auth-delegator or a ClusterRole under their prefix/,
    );
    expect(
      (await asA('POST', `${RBAC}/clusterroles`, { metadata: { name: `${A}-copy` }, rules: LEARNER_RULES })).status,
    ).toBe(201);
    refusedBy(
      await asA(
        'POST',
        `${RBAC}/clusterrolebindings`,
        crb(`${A}-copy-all`, `${A}-copy`, { kind: 'Group', name: 'system:authenticated' }),
      ),
      /may bind only service accounts/,
    );
    refusedBy(
      await asA('POST', `${RBAC}/clusterrolebindings`, crb(`${A}-copy-b`, `${A}-copy`, sa(`${B}-workshop`, 'learner'))),
      /may bind only service accounts/,
    );
  });

  it('cannot act through a second service account, by its token or by impersonation', async () => {
    const helper = { namespace: `${A}-lab-review`, name: 'helper' };
    await a.kube.ensureServiceAccount(helper);
    expect(
      (
        await asA(
          'POST',
          `${RBAC}/clusterrolebindings`,
          crb(`${A}-copy-helper`, `${A}-copy`, sa(helper.namespace, helper.name)),
        )
      ).status,
    ).toBe(201);
    const asHelper = curlAs(host, await a.kube.requestToken(helper));
    refusedBy(
      await asHelper(
        'POST',
        `${RBAC}/clusterrolebindings`,
        crb(`${A}-via-helper`, 'system:auth-delegator', { kind: 'Group', name: 'system:authenticated' }),
      ),
      /learner .* may bind only service accounts/,
    );
    refusedBy(
      await asHelper('POST', `${RBAC}/clusterroles`, { metadata: { name: `${B}-lab-tokenreviewer` }, rules: [] }),
      /only under their prefix/,
    );
    const impersonate = (user: string) =>
      asA('GET', '/api/v1/namespaces/kube-system/secrets', undefined, { 'Impersonate-User': user });
    refusedBy(await impersonate(`system:serviceaccount:${helper.namespace}:helper`), /cannot impersonate/);
    refusedBy(await impersonate(`system:serviceaccount:${B}-workshop:learner`), /cannot impersonate/);
  });

  it("cannot take another learner's next name, nor an unprefixed one", async () => {
    refusedBy(
      await asA('POST', `${RBAC}/clusterroles`, { metadata: { name: `${B}-lab-tokenreviewer` }, rules: [] }),
      `learner ${A} may create clusterroles only under their prefix`,
    );
    refusedBy(
      await asA(
        'POST',
        `${RBAC}/clusterrolebindings`,
        crb(`${B}-lab-vault-app-auth-delegator`, 'system:auth-delegator', sa(`${A}-lab-vault`, 'app')),
      ),
      /only under their prefix/,
    );
    refusedBy(
      await asA('POST', `${RBAC}/clusterroles`, { metadata: { name: 'cluster-admin-2' }, rules: [] }),
      /only under their prefix/,
    );
  });

  it('changes no field of its own namespaces but labels under its prefix, and deletes none', async () => {
    const ns = `/api/v1/namespaces/${A}-lab-review`;
    const patches = [
      { metadata: { labels: { 'auth-delegator-lab/learner': 'cluster' } } },
      { metadata: { labels: { 'auth-delegator-lab/learner': null } } },
      { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
      { metadata: { labels: { 'vault-access': 'yes' } } },
      { metadata: { annotations: { 'scheduler.alpha.kubernetes.io/node-selector': 'pool=host' } } },
    ];
    for (const patch of patches) refusedBy(await asA('PATCH', ns, patch), /may change only labels named/);
    refusedBy(await asA('PATCH', ns, { metadata: { finalizers: ['example.com/hold'] } }), /may not add finalizers/);
    expect((await asA('PATCH', ns, { metadata: { labels: { [`${A}-vault-access`]: 'yes' } } })).status).toBe(200);
    refusedBy(await asA('DELETE', ns), /cannot delete resource "namespaces"/);
    refusedBy(
      await asA('PATCH', `/api/v1/namespaces/${A}-workshop`, { metadata: { labels: { [`${A}-x`]: 'y' } } }),
      /cannot patch resource "namespaces"/,
    );
    const held = { metadata: { name: 'held', finalizers: ['example.com/hold'] } };
    refusedBy(await asA('POST', `/api/v1/namespaces/${A}-lab-review/configmaps`, held), /may not add finalizers/);
    const quota = `/api/v1/namespaces/${A}-lab-review/resourcequotas/workshop-limits`;
    refusedBy(await asA('DELETE', quota), /cannot delete resource "resourcequotas"/);
    refusedBy(
      await asA('PATCH', quota, { spec: { hard: { pods: '1000' } } }),
      /cannot patch resource "resourcequotas"/,
    );
    const counted = await asA('GET', quota);
    expect(counted.status, counted.message).toBe(200);
    expect((counted.json as { status?: { hard?: Record<string, string> } }).status?.hard).toMatchObject({
      pods: '10',
      'services.nodeports': '0',
    });
  });

  it("runs no privileged or hostPath pod, and notebook 02's pod meets Pod Security's restricted level", async () => {
    const pods = `/api/v1/namespaces/${A}-lab-tokens/pods`;
    const container = { name: 'c', image: 'busybox:1.37', command: ['sleep', '1'] };
    refusedBy(
      await asA('POST', pods, {
        metadata: { name: 'privileged' },
        spec: { containers: [{ ...container, securityContext: { privileged: true } }] },
      }),
      /violates PodSecurity "restricted:latest"/,
    );
    const hostPath = {
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [{ ...container, volumeMounts: [{ name: 'root', mountPath: '/host' }] }],
    };
    refusedBy(
      await asA('POST', pods, { metadata: { name: 'host-path' }, spec: hostPath }),
      /violates PodSecurity "restricted:latest".*hostPath/,
    );
    refusedBy(
      await asA(
        'POST',
        `/api/v1/namespaces/${A}-workshop/pods`,
        tokenReaderPod({ namespace: `${A}-workshop`, name: 'learner' }, 'as-learner'),
      ),
      /cannot create resource "pods"/,
    );
    await a.kube.ensureServiceAccount({ namespace: `${A}-lab-tokens`, name: 'app' });
    expect(
      (await asA('POST', pods, tokenReaderPod({ namespace: `${A}-lab-tokens`, name: 'app' }, 'token-reader'))).status,
    ).toBe(201);
  });

  it("gets no token that outlives the workshop's hours, for any of its accounts", async () => {
    await a.kube.ensureServiceAccount({ namespace: `${A}-lab-tokens`, name: 'app' });
    const request = (namespace: string, name: string, hours: number) =>
      asA('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
        spec: { expirationSeconds: hours * 3600 },
      });
    refusedBy(
      await request(`${A}-lab-tokens`, 'app', 8760),
      /may request tokens of at most 7200 s \(the length of the workshop, 2 h\)/,
    );
    refusedBy(await request(`${A}-workshop`, 'learner', 8760), /cannot create resource "serviceaccounts\/token"/);
    const legacy = {
      metadata: { name: 'forever', annotations: { 'kubernetes.io/service-account.name': 'learner' } },
      type: 'kubernetes.io/service-account-token',
    };
    refusedBy(
      await asA('POST', `/api/v1/namespaces/${A}-workshop/secrets`, legacy),
      /cannot create resource "secrets"/,
    );
    expect((await request(`${A}-lab-tokens`, 'app', 1)).status).toBe(201);
  });

  it('makes no ClusterRole an aggregated role would pick up, and grants nothing in its namespaces to anyone else', async () => {
    const aggregated = {
      metadata: { name: `${A}-agg`, labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
      rules: [],
    };
    refusedBy(await asA('POST', `${RBAC}/clusterroles`, aggregated), /without labels and without an aggregationRule/);
    const selecting = {
      metadata: { name: `${A}-sel` },
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }],
      },
    };
    expect((await asA('POST', `${RBAC}/clusterroles`, selecting)).status).toBe(403);
    const binding = (subject: Record<string, string>) => ({
      metadata: { name: 'share' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'auth-delegator-lab-workshop-namespace',
      },
      subjects: [subject],
    });
    for (const subject of [{ kind: 'Group', name: 'system:unauthenticated' }, sa(`${B}-workshop`, 'learner')]) {
      refusedBy(
        await asA('POST', `${RBAC}/namespaces/${A}-lab-review/rolebindings`, binding(subject)),
        /may bind only service accounts/,
      );
    }
  });
});

describe("learner A, with A's own Vault token, against the real Vault", () => {
  it('enables the kubernetes and jwt methods only, and tunes nothing', async () => {
    for (const type of ['userpass', 'approle', 'cert'])
      expect((await a.vault.request('POST', `sys/auth/${A}-${type}`, { type })).status, type).toBe(403);
    expect((await a.vault.request('POST', `sys/auth/${A}-kubernetes`, { type: 'kubernetes' })).status).toBe(204);
    expect((await a.vault.request('POST', `sys/auth/${A}-jwt`, { type: 'jwt' })).status).toBe(204);
    for (const tune of [
      { max_lease_ttl: '8760h' },
      { audit_non_hmac_request_keys: ['jwt'] },
      { listing_visibility: 'unauth' },
    ]) {
      expect((await a.vault.request('POST', `sys/auth/${A}-kubernetes/tune`, tune)).status, JSON.stringify(tune)).toBe(
        403,
      );
    }
  });

  it('writes no role that hands out any policy but default, nor a periodic one, on any of its mounts', async () => {
    const fields = (mount: string) =>
      mount.endsWith('-jwt')
        ? { role_type: 'jwt', user_claim: 'sub', bound_audiences: ['x'] }
        : { bound_service_account_names: ['app'], bound_service_account_namespaces: [`${A}-lab-vault`] };
    const role = (mount: string, extra: Record<string, unknown>) =>
      a.vault.request('POST', `auth/${mount}/role/r`, { ...fields(mount), ...extra });
    const escalations = [
      { token_policies: ['host-admin'] },
      { token_policies: ['default', 'host-admin'] },
      { token_policies: 'default,host-admin' },
      { policies: ['host-admin'] },
      { token_policies: [`auth-delegator-lab-workshop-${B}`] },
      { token_policies: ['default'], token_period: '1h' },
    ];
    for (const mount of [`${A}-kubernetes`, `${A}-jwt`]) {
      for (const extra of escalations)
        expect((await role(mount, extra)).status, `${mount} ${JSON.stringify(extra)}`).toBe(403);
    }
    for (const mount of [`${A}-kubernetes`, `${A}-jwt`])
      expect([200, 204], mount).toContain((await role(mount, { token_policies: ['default'] })).status);
  });

  it("reads no entity but its own login's, which the login's token reads through the default policy", async () => {
    const app = { namespace: `${B}-lab-vault`, name: 'app' };
    await b.kube.ensureServiceAccount(app);
    await b.kube.bindClusterRole(`${B}-lab-vault-app-auth-delegator`, app);
    await b.vault.enableKubernetesAuth();
    await b.vault.configureKubernetes({ kubernetesHost: host.server, kubernetesCaCert: host.ca });
    await b.vault.writeRole('app', {
      boundServiceAccountNames: ['app'],
      boundServiceAccountNamespaces: [app.namespace],
    });
    const login = await b.vault.login('app', await b.kube.requestToken(app));
    expect(login.status, login.text).toBe(200);
    expect(login.json?.auth?.policies).toEqual(['default']);
    const entity = `identity/entity/id/${(login.json?.auth as { entity_id?: string }).entity_id}`;
    expect((await a.vault.request('GET', entity)).status).toBe(403);
    expect((await a.vault.request('LIST', 'identity/entity/id')).status).toBe(403);
    expect((await b.vault.request('GET', entity, undefined, { token: login.json?.auth?.client_token })).status).toBe(
      200,
    );
  });
});

describe('teardown after a hostile learner', () => {
  it('trusts only the record: a relabelled namespace touches nothing of the host, a held namespace is named, and every list ends as it began', async () => {
    const clusterAdmin = (await (await host.kube.api).rbac.readClusterRole({ name: 'cluster-admin' })).metadata?.uid;
    // What a defence bypass would have done (done here as the host): relabel a namespace, hold one with a finalizer.
    const { core } = await host.kube.api;
    await core.patchNamespace({
      name: `${A}-lab-vault`,
      body: [{ op: 'replace', path: '/metadata/labels/auth-delegator-lab~1learner', value: 'cluster' }],
    });
    await core.patchNamespace({
      name: `${B}-workshop`,
      body: [{ op: 'replace', path: '/metadata/labels/auth-delegator-lab~1learner', value: base }],
    });
    await core.createNamespacedConfigMap({
      namespace: `${A}-lab-review`,
      body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } },
    });

    const stuck = await teardownWorkshop(host, silent, { namespaceTimeoutMs: 8000 }).catch((e: unknown) => e as Error);
    expect(stuck).toBeInstanceOf(Error);
    expect((stuck as Error).message).toMatch(new RegExp(`namespace ${A}-lab-review: .*example\\.com/hold`));
    expect((stuck as Error).message).toContain(
      `kubectl -n ${A}-lab-review patch KIND/NAME --type=merge -p '{"metadata":{"finalizers":null}}'`,
    );
    const left = await snapshot(host);
    expect(left.admissionPolicies?.filter((p) => p.startsWith('auth-delegator-lab-workshop'))).toEqual([]);
    expect(left.configMaps?.filter((c) => c.startsWith('auth-delegator-lab-workshop/record '))).toHaveLength(1);

    await core.patchNamespacedConfigMap({
      name: 'held',
      namespace: `${A}-lab-review`,
      body: [{ op: 'remove', path: '/metadata/finalizers' }],
    });
    await teardownWorkshop(host, silent);
    expect((await (await host.kube.api).rbac.readClusterRole({ name: 'cluster-admin' })).metadata?.uid).toBe(
      clusterAdmin,
    );
    await expectUnchanged(host, before);
  });
});
