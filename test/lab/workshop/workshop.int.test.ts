// A workshop on the local backend, which stands in for the host's cluster and Vault: prepare (in a fresh
// directory, run twice, refusing taken names and bad input), the learners' isolation from each other
// (asserted as 403s from the real servers), and teardown leaving every object list as it was.
import { statSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiException } from '@kubernetes/client-node';
import { ensureBinary } from '../../../src/binaries/binaries.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { silent } from '../../../src/output/steps.js';
import { repeat } from '../../../src/poll.js';
import type { Host } from '../../../src/lab/workshop/host.js';
import { VaultClient } from '../../../src/vault/vault-client.js';
import { uniqueName } from '../../helpers.js';
import { type Learner, expectUnchanged, learner, localHost, readText, snapshot, statusOf } from './fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const host: Host = await localHost();
// A directory that does not exist yet, as on a fresh clone: prepare makes it.
const dir = join(tempDir('workshop'), 'fresh', 'workshop');
const base = uniqueName('t').replace('-', '');
const [A, B] = [`${base}-01`, `${base}-02`];
let before: Record<string, string[]>;
let prepared: Record<string, string[]>;
let a: Learner;
let b: Learner;

beforeAll(async () => {
  before = await snapshot(host);
  await prepare(host, { learners: 2, prefix: base, dir, hours: 1 }, silent);
  prepared = await snapshot(host);
  a = learner(dir, A);
  b = learner(dir, B);
});

afterAll(async () => {
  try {
    await teardownWorkshop(host, silent);
  } finally {
    removeTempDirs();
  }
});

describe('workshop prepare', () => {
  it('is idempotent: a second run changes no object and keeps every bundle', async () => {
    const bundles = [readText(a.file), readText(b.file)];
    await prepare(host, { learners: 2, prefix: base, dir, hours: 1 }, silent);
    await expectUnchanged(host, prepared);
    expect([readText(a.file), readText(b.file)]).toEqual(bundles);
  });

  it("makes the learners' namespaces and writes a roster, in a directory only the host can read", () => {
    const namespaces = prepared.namespaces?.map((n) => n.split(' ')[0]);
    expect(namespaces).toEqual(
      expect.arrayContaining([`${A}-workshop`, `${A}-lab-review`, `${B}-lab-beyond`, 'auth-delegator-lab-workshop']),
    );
    const roster = JSON.parse(readText(join(dir, 'roster.json'))) as { learners: Array<{ prefix: string }> };
    expect(roster.learners.map((l) => l.prefix)).toEqual([A, B]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(a.file).mode & 0o777).toBe(0o600);
  });

  it('gives each learner a context in their working namespace, so a bare `kubectl create sa` lands where they may', async () => {
    const kubeconfig = join(tempDir('kubeconfig'), 'config');
    writeFileSync(kubeconfig, a.bundle.kubeconfig);
    const kubectl = await ensureBinary('kubectl');
    const made = await execa(kubectl, ['--kubeconfig', kubeconfig, 'create', 'serviceaccount', 'typed'], {
      reject: false,
      all: true,
    });
    expect(made.all).toBe(`serviceaccount/typed created`);
    expect(
      await statusOf(async () =>
        (await host.kube.api).core.readNamespacedServiceAccount({ name: 'typed', namespace: `${A}-lab-review` }),
      ),
    ).toBe('allowed');
  });

  it('refuses a name that was there before it, naming who made it, and changes nothing', async () => {
    const { core, rbac } = await host.kube.api;
    // Each case its own prefix: a deleted namespace takes a moment to go.
    const squats: Array<
      [string, (p: string) => Promise<unknown>, (p: string) => Promise<unknown>, (p: string) => RegExp]
    > = [
      [
        'a ClusterRole under the prefix',
        (p) => rbac.createClusterRole({ body: { metadata: { name: `${p}-01-lab-tokenreviewer` }, rules: [] } }),
        (p) => rbac.deleteClusterRole({ name: `${p}-01-lab-tokenreviewer` }),
        (p) =>
          new RegExp(
            `^ClusterRole ${p}-01-lab-tokenreviewer \\(under learner prefix ${p}-01-\\) already exists \\(created \\S+ by \\S+, labels: none\\)`,
          ),
      ],
      [
        'a namespace of the learner',
        async (p) => {
          await core.createNamespace({
            body: { metadata: { name: `${p}-01-lab-vault`, labels: { team: 'payments' } } },
          });
          // The controller adds the namespace's default account a moment later: wait, so the snapshot holds it.
          await repeat(
            () =>
              core
                .readNamespacedServiceAccount({ name: 'default', namespace: `${p}-01-lab-vault` })
                .catch(() => undefined),
            (sa) => sa !== undefined,
            { timeoutMs: 15_000, intervalMs: 100 },
          );
        },
        (p) => core.deleteNamespace({ name: `${p}-01-lab-vault` }),
        (p) => new RegExp(`^Namespace ${p}-01-lab-vault already exists \\(created .* labels: .*team=payments\\)`),
      ],
      [
        'a Vault mount under the prefix',
        (p) => host.vault.must('POST', `sys/auth/${p}-01-kubernetes`, { type: 'kubernetes' }),
        (p) => host.vault.must('DELETE', `sys/auth/${p}-01-kubernetes`),
        (p) =>
          new RegExp(
            `^Vault auth mount ${p}-01-kubernetes/ \\(type kubernetes\\) is already under learner prefix ${p}-01-`,
          ),
      ],
    ];
    for (const [what, make, unmake, message] of squats) {
      const other = uniqueName('s').replace('-', '');
      await make(other);
      try {
        const snap = await snapshot(host);
        await expect(
          prepare(host, { learners: 1, prefix: other, dir: tempDir('squat'), hours: 1 }, silent),
          what,
        ).rejects.toThrow(message(other));
        await expectUnchanged(host, snap, what);
      } finally {
        await unmake(other);
      }
    }
  });

  it("refuses a learner prefix that begins with another learner's", async () => {
    await expect(prepare(host, { learners: 1, prefix: A, dir: tempDir('overlap'), hours: 1 }, silent)).rejects.toThrow(
      `Learner prefix "${A}-01" begins with learner prefix "${A}-"`,
    );
  });

  it('refuses a Vault token without the rights it needs, naming the capability, and changes nothing', async () => {
    const weak = await host.vault.must<{ auth?: { client_token: string } }>('POST', 'auth/token/create', {
      policies: ['default'],
      ttl: '5m',
    });
    try {
      const weakHost = { ...host, vault: new VaultClient(host.vault.addr, weak.json?.auth?.client_token) };
      const snap = await snapshot(host);
      await expect(
        prepare(weakHost, { learners: 3, prefix: base, dir: tempDir('weak'), hours: 1 }, silent),
      ).rejects.toThrow(
        /^The Vault token lacks "read" on sys\/policies\/acl\/auth-delegator-lab-workshop-x, which `workshop prepare` needs to tell whether a learner policy is already someone else's\./,
      );
      await expectUnchanged(host, snap);
    } finally {
      await host.vault.must('POST', 'auth/token/revoke', { token: weak.json?.auth?.client_token });
    }
  });
});

describe('isolation: learner A against learner B', () => {
  const bNs = () => `${B}-lab-review`;

  it("cannot read, delete or bind in B's namespace", async () => {
    expect(await statusOf(async () => (await a.kube.api).core.readNamespace({ name: bNs() }))).toBe(403);
    expect(await statusOf(async () => (await a.kube.api).core.listNamespacedServiceAccount({ namespace: bNs() }))).toBe(
      403,
    );
    expect(await statusOf(async () => (await a.kube.api).core.deleteNamespace({ name: bNs() }))).toBe(403);
    const sa = { namespace: bNs(), name: 'app' };
    expect(await statusOf(() => a.kube.bindRoleInNamespace('steal', sa))).toBe(403);
    // The same calls in A's own namespace go through.
    expect(await statusOf(async () => (await a.kube.api).core.readNamespace({ name: `${A}-lab-review` }))).toBe(
      'allowed',
    );
    expect(await statusOf(() => a.kube.ensureServiceAccount({ namespace: `${A}-lab-review`, name: 'app' }))).toBe(
      'allowed',
    );
  });

  it("cannot delete B's ClusterRoleBinding, nor bind any ClusterRole but system:auth-delegator", async () => {
    const bBinding = `${B}-lab-review-app-auth-delegator`;
    await b.kube.ensureServiceAccount({ namespace: bNs(), name: 'app' });
    expect(await b.kube.bindClusterRole(bBinding, { namespace: bNs(), name: 'app' })).toBe('created');
    expect(await statusOf(() => a.kube.unbindClusterRole(bBinding))).toBe(403);
    expect(await statusOf(async () => (await a.kube.api).rbac.readClusterRoleBinding({ name: bBinding }))).toBe(403);
    const own = { namespace: `${A}-lab-review`, name: 'app' };
    // RBAC refuses a binding to any role that grants more than the learner holds (a role whose rules
    // every user already has, such as system:basic-user, is no escalation and so not refused).
    for (const role of ['cluster-admin', 'admin', 'edit', 'view', 'system:node']) {
      expect(await statusOf(() => a.kube.bindClusterRole(`${A}-lab-review-app-auth-delegator`, own, role)), role).toBe(
        403,
      );
    }
    expect(await a.kube.bindClusterRole(`${A}-lab-review-app-auth-delegator`, own)).toBe('created');
    expect(await a.kube.unbindClusterRole(`${A}-lab-review-app-auth-delegator`)).toBe('deleted');
  });

  it("creates notebook 01's ClusterRole, but none that grants more than the learner holds, and cannot delete B's", async () => {
    const reviews = { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] };
    const secrets = { apiGroups: [''], resources: ['secrets'], verbs: ['get'] };
    expect(
      await statusOf(() =>
        a.kube.createClusterRole({ metadata: { name: `${A}-escalate` }, rules: [reviews, secrets] }),
      ),
    ).toBe(403);
    expect(
      await statusOf(() =>
        b.kube.createClusterRole({ metadata: { name: `${B}-lab-tokenreviewer` }, rules: [reviews] }),
      ),
    ).toBe('allowed');
    expect(await statusOf(() => a.kube.deleteClusterRole(`${B}-lab-tokenreviewer`))).toBe(403);
    // Left for teardown, which removes each learner's task role by name.
    expect(
      await statusOf(() =>
        a.kube.createClusterRole({ metadata: { name: `${A}-lab-tokenreviewer` }, rules: [reviews] }),
      ),
    ).toBe('allowed');
  });

  it("creates ClusterRoles and ClusterRoleBindings only under its own prefix, so it cannot take a name of B's", async () => {
    const reviews = { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] };
    const refusal = await a.kube
      .createClusterRole({ metadata: { name: `${B}-squat` }, rules: [reviews] })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiException);
    expect((refusal as ApiException<unknown>).code).toBe(403);
    expect(JSON.stringify((refusal as ApiException<unknown>).body)).toContain(
      `learner ${A} may create clusterroles only under their prefix: ${A}-${B}-squat, not ${B}-squat`,
    );
    expect(await statusOf(() => a.kube.createClusterRole({ metadata: { name: 'squat' }, rules: [reviews] }))).toBe(403);
    expect(
      await statusOf(() =>
        a.kube.bindClusterRole(`${B}-lab-vault-app-auth-delegator`, { namespace: `${A}-lab-vault`, name: 'app' }),
      ),
    ).toBe(403);
    // Allowed under A's prefix, and left for teardown, which removes what learners made under their prefixes.
    expect(
      await statusOf(() => a.kube.createClusterRole({ metadata: { name: `${A}-own-reviewer` }, rules: [reviews] })),
    ).toBe('allowed');
  });

  it("cannot enable, read or tune B's Vault mount, nor touch sys/policy", async () => {
    expect(await b.vault.enableKubernetesAuth()).toBe('enabled');
    expect(b.vault.mount).toBe(`${B}-kubernetes`);
    const status = async (method: string, path: string, body?: unknown) =>
      (await a.vault.request(method, path, body)).status;
    expect(await status('POST', `sys/auth/${B}-other`, { type: 'kubernetes' })).toBe(403);
    expect(await status('GET', `sys/auth/${B}-kubernetes`)).toBe(403);
    expect(await status('POST', `sys/auth/${B}-kubernetes/tune`, { default_lease_ttl: '1m' })).toBe(403);
    expect(await status('GET', `sys/mounts/auth/${B}-kubernetes/tune`)).toBe(403);
    expect(await status('GET', `auth/${B}-kubernetes/config`)).toBe(403);
    expect(await status('DELETE', `sys/auth/${B}-kubernetes`)).toBe(403);
    expect(await status('GET', 'sys/policy')).toBe(403);
    expect(await status('GET', 'sys/policies/acl?list=true')).toBe(403);
    expect(
      await status('PUT', `sys/policies/acl/auth-delegator-lab-workshop-${A}`, {
        policy: 'path "*" { capabilities = ["sudo"] }',
      }),
    ).toBe(403);
    // A's own mount: allowed.
    expect(await status('POST', `sys/auth/${A}-kubernetes`, { type: 'kubernetes' })).toBe(204);
  });
});

describe('workshop teardown', () => {
  it('leaves every object list, with UIDs, exactly as before prepare, after the learners made things of their own', async () => {
    // Learners' own objects: a binding, a Vault mount with a role, and a login that made an entity.
    const sa = { namespace: `${A}-lab-vault`, name: 'app' };
    await a.kube.ensureServiceAccount(sa);
    await a.kube.bindClusterRole(`${A}-lab-vault-app-auth-delegator`, sa);
    await a.vault.enableKubernetesAuth();
    await a.vault.configureKubernetes({ kubernetesHost: host.server, kubernetesCaCert: host.ca });
    await a.vault.writeRole('app', {
      boundServiceAccountNames: ['app'],
      boundServiceAccountNamespaces: [sa.namespace],
    });
    const login = await a.vault.login('app', await a.kube.requestToken(sa));
    expect(login.status, login.text).toBe(200);

    await teardownWorkshop(host, silent);
    await expectUnchanged(host, before);
    // Run again, it finds no record and says so.
    expect(await teardownWorkshop(host, silent)).toEqual([]);
  });
});
