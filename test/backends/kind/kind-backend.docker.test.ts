// The kind backend for real: a kind cluster in this machine's Docker, driven through the lab's CLI as a
// learner drives it. Each test uses a cluster name and state directory of its own (LAB_KIND_CLUSTER,
// LAB_STATE_DIR), so it runs beside the shared integration lab. Runs with `npm run test:kind`, which needs
// Docker and kind (`.ci/setup-kind-host` prepares a CI machine; LAB_KIND_IMAGE names a local node image).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { kindNodes } from '../../../src/backends/kind/cluster.js';
import { readKubeCa, type LabState } from '../../../src/backends/state.js';
import { networkContainers, networkExists } from '../../../src/docker/docker.js';
import { Kube } from '../../../src/kube/kube-client.js';
import { SERVICE_ACCOUNT_TOKEN_PATH } from '../../../src/kube/tokens.js';
import { tokenReaderPod } from '../../../src/kube/pods.js';
import { freePort } from '../../../src/ports.js';
import { VaultClient } from '../../../src/vault/vault-client.js';
import { decodeJwt } from '../../../src/jwt.js';
import { labCli } from '../../helpers.js';

const WAIT = { timeout: 60_000, interval: 500 };
/** The daemon's socket: DOCKER_HOST's when it names a unix socket, else Docker's default. */
const DOCKER_SOCKET = /^unix:\/\/(.+)$/.exec(process.env.DOCKER_HOST ?? '')?.[1] ?? '/var/run/docker.sock';

/** A state directory and cluster name of the test's own; `down` runs when the test ends, whatever happened. */
function ownLab(tag: string) {
  const dir = mkdtempSync(join(tmpdir(), `lab-kind-${tag}-`));
  const cluster = `lab-${tag}-${randomBytes(2).toString('hex')}`;
  const run = (args: string[], env: Record<string, string> = {}) =>
    labCli(dir, args, { LAB_KIND_CLUSTER: cluster, ...env });
  onTestFinished(async () => {
    await run(['down']);
    rmSync(dir, { recursive: true, force: true });
  });
  const state = () => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as LabState;
  return { dir, cluster, run, state };
}

/** The article's curl: POST a TokenReview with the token as the bearer; returns the status code and body. */
async function curlTokenReview(state: LabState, token: string): Promise<{ code: number; body: string }> {
  const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
  const res = await execa('curl', [
    '-s',
    '-w',
    '\n%{http_code}',
    '--cacert',
    state.kubeCaFile,
    '-X',
    'POST',
    '-H',
    `Authorization: Bearer ${token}`,
    '-H',
    'Content-Type: application/json',
    '-d',
    body,
    `${state.kubeServer}/apis/authentication.k8s.io/v1/tokenreviews`,
  ]);
  const lines = res.stdout.split('\n');
  return { code: Number(lines.pop()), body: lines.join('\n') };
}

describe('the kind backend, for real', () => {
  it('up twice, status, the article’s 403 → 201 → 403, Vault denied → granted, a pod’s token by exec, down twice', async () => {
    const lab = ownLab('life');

    const up = await lab.run(['up', '--backend', 'kind']);
    expect(up.exitCode, up.all).toBe(0);
    expect(up.all).toContain('The lab is up (backend: kind)');
    const state = lab.state();
    expect(state.record?.cluster).toBe(lab.cluster);
    expect(new URL(state.kubeServer).hostname).toBe('127.0.0.1');
    const nodes = await kindNodes(lab.cluster);
    expect(nodes).toEqual([`${lab.cluster}-control-plane`]);
    const published = await execa('docker', ['port', nodes[0] ?? '', '6443/tcp']);
    expect(published.stdout.trim().split('\n')).toEqual([`127.0.0.1:${new URL(state.kubeServer).port}`]);

    const again = await lab.run(['up', '--backend', 'kind']);
    expect(again.exitCode, again.all).toBe(0);
    expect(again.all).toContain('already running');
    expect(lab.state().startedAt).toBe(state.startedAt);
    expect(await kindNodes(lab.cluster)).toEqual(nodes);
    const status = await lab.run(['status']);
    expect(status.exitCode, status.all).toBe(0);

    // The article's steps, against this cluster and the lab's Vault.
    const kube = Kube.fromFile(state.kubeconfig);
    const vault = new VaultClient(state.vault.addr, state.vault.token);
    const sa = { namespace: 'lab-kind', name: 'app' };
    await kube.ensureNamespace(sa.namespace);
    await kube.ensureServiceAccount(sa);
    const token = await kube.requestToken(sa);
    const denied = await curlTokenReview(state, token);
    expect(denied.code, denied.body).toBe(403);
    expect(denied.body).toContain('cannot create resource \\"tokenreviews\\"');

    await vault.enableKubernetesAuth();
    await vault.configureKubernetes({
      kubernetesHost: state.kubeServer,
      kubernetesCaCert: readKubeCa(state),
      disableLocalCaJwt: true,
    });
    await vault.writeRole('app', {
      boundServiceAccountNames: [sa.name],
      boundServiceAccountNamespaces: [sa.namespace],
    });
    const refused = await vault.login('app', token);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).toContain('permission denied');

    await kube.bindClusterRole('lab-kind-app-auth-delegator', sa);
    await vi.waitFor(async () => {
      const granted = await curlTokenReview(state, token);
      expect(granted.code, granted.body).toBe(201);
      expect(JSON.parse(granted.body).status.user.username).toBe('system:serviceaccount:lab-kind:app');
    }, WAIT);
    await vi.waitFor(async () => {
      const login = await vault.login('app', token);
      expect(login.status, JSON.stringify(login.json)).toBe(200);
      expect(login.json?.auth?.metadata?.service_account_namespace).toBe(sa.namespace);
    }, WAIT);

    await kube.unbindClusterRole('lab-kind-app-auth-delegator');
    await vi.waitFor(async () => expect((await curlTokenReview(state, token)).code).toBe(403), WAIT);

    // Step 2 as the article does it: the token file inside a real pod, read by exec.
    const podRef = { namespace: sa.namespace, name: 'token-reader' };
    await kube.ensurePod(tokenReaderPod(sa, podRef.name, state.podImage));
    await kube.untilPodRunning(podRef);
    const podToken = (await kube.execInPod(podRef, 'reader', ['cat', SERVICE_ACCOUNT_TOKEN_PATH])).trim();
    const claims = decodeJwt(podToken).claims as Record<string, unknown>;
    expect(claims.sub).toBe('system:serviceaccount:lab-kind:app');
    expect(claims['kubernetes.io']).toMatchObject({ namespace: 'lab-kind', pod: { name: 'token-reader' } });

    const down = await lab.run(['down']);
    expect(down.exitCode, down.all).toBe(0);
    expect(await kindNodes(lab.cluster)).toEqual([]);
    if (await networkExists('kind')) expect(await networkContainers('kind')).not.toContain(nodes[0]);
    expect(existsSync(join(lab.dir, 'state.json'))).toBe(false);
    const gone = await execa('curl', ['-s', '-k', '-o', '/dev/null', `${state.kubeServer}/readyz`], { reject: false });
    expect(gone.exitCode, 'nothing listens on the old API server port').toBe(7);
    const twice = await lab.run(['down']);
    expect(twice.exitCode, twice.all).toBe(0);
  });

  it('refuses, in one line and before creating anything, an image Docker does not have and a taken port', async () => {
    const lab = ownLab('refuse');
    const noImage = await lab.run(['up', '--backend', 'kind'], {
      LAB_KIND_IMAGE: 'auth-delegator-lab/kind-node:not-built',
    });
    expect(noImage.exitCode).not.toBe(0);
    expect(noImage.all).toContain(
      'The image auth-delegator-lab/kind-node:not-built (LAB_KIND_IMAGE) is not in Docker on this machine.',
    );
    expect(noImage.all).toContain('npx tsx scripts/kind-node-image/main.ts');

    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    onTestFinished(() => new Promise<void>((done) => holder.close(() => done())));
    const taken = await lab.run(['up', '--backend', 'kind', '--api-port', String(port)]);
    expect(taken.exitCode).not.toBe(0);
    expect(taken.all).toContain(String(port));
    expect(await kindNodes(lab.cluster)).toEqual([]);
  });

  it('says how to remove a cluster of its name that it has no record of; with its state file broken, down still removes it', async () => {
    const first = ownLab('left');
    const up = await first.run(['up', '--backend', 'kind']);
    expect(up.exitCode, up.all).toBe(0);
    // A second checkout (another state directory) that wants the same cluster name.
    const other = mkdtempSync(join(tmpdir(), 'lab-kind-other-'));
    onTestFinished(() => rmSync(other, { recursive: true, force: true }));
    const clash = await labCli(other, ['up', '--backend', 'kind'], { LAB_KIND_CLUSTER: first.cluster });
    expect(clash.exitCode).not.toBe(0);
    expect(clash.all).toContain(
      `A kind cluster named ${first.cluster} already exists but the lab has no record of it.`,
    );
    expect(clash.all).toContain(`kind delete cluster --name ${first.cluster}`);
    expect(await kindNodes(first.cluster)).toEqual([`${first.cluster}-control-plane`]);

    // The lab's state file then breaks: `down` finds the cluster from the marker `up` wrote before kind ran.
    writeFileSync(join(first.dir, 'state.json'), '{"backend": "kind", "processes": [');
    const down = await first.run(['down']);
    expect(down.exitCode, down.all).toBe(0);
    expect(down.all).toContain(`kind cluster ${first.cluster}`);
    expect(await kindNodes(first.cluster)).toEqual([]);
  });

  it('Docker stopping mid-up: up fails naming Docker, and down removes the half-made cluster once Docker answers', async () => {
    const lab = ownLab('dying');
    const proxy = await dockerProxy();
    onTestFinished(() => proxy.cut());
    const up = lab.run(['up', '--backend', 'kind'], { DOCKER_HOST: `unix://${proxy.path}` });
    await vi.waitFor(async () => expect(await kindNodes(lab.cluster)).not.toEqual([]), {
      timeout: 120_000,
      interval: 250,
    });
    proxy.cut();
    const failed = await up;
    expect(failed.exitCode).not.toBe(0);
    expect(failed.all).toMatch(/Cannot connect to the Docker daemon|Is the docker daemon running/);
    expect(failed.all).toContain('npm run lab -- down');
    expect(await kindNodes(lab.cluster)).not.toEqual([]);

    const down = await lab.run(['down']);
    expect(down.exitCode, down.all).toBe(0);
    expect(down.all).toContain(`kind cluster ${lab.cluster}`);
    expect(await kindNodes(lab.cluster)).toEqual([]);
  });
});

/**
 * The Docker daemon as kind and the docker CLI reach it (DOCKER_HOST), through a socket this test can cut:
 * to every client it is then exactly a daemon that stopped, while the real one keeps running for the rest.
 */
async function dockerProxy(): Promise<{ path: string; cut: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'docker-proxy-'));
  const path = join(dir, 'docker.sock');
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const daemon = createConnection(DOCKER_SOCKET);
    for (const socket of [client, daemon]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(daemon).pipe(client);
  });
  await new Promise<void>((listening) => server.listen(path, listening));
  return {
    path,
    cut: () => {
      server.close();
      for (const socket of open) socket.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
