import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silent } from '../../../src/output/steps.js';
import type { LabError } from '../../../src/errors.js';

const fixtures = fileURLToPath(new URL('../../fixtures/bin', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kind-backend-'));
  vi.stubEnv('PATH', `${fixtures}${delimiter}${process.env.PATH ?? ''}`);
  vi.stubEnv('FAKE_KIND_ARGV_LOG', join(dir, 'argv.log'));
  vi.stubEnv('FAKE_KIND_STATE', join(dir, 'clusters'));
  vi.stubEnv('LAB_STATE_DIR', join(dir, 'lab'));
  vi.stubEnv('LAB_KIND_IMAGE', '');
  vi.stubEnv('LAB_POD_IMAGE', '');
  vi.stubEnv('LAB_KIND_CLUSTER', '');
  vi.stubEnv('FAKE_DOCKER_ARGV_LOG', join(dir, 'docker-argv.log'));
  vi.resetModules();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** The backend and its marker module, loaded afresh, so they read LAB_STATE_DIR from this test's environment. */
const backend = async () => ({
  ...(await import('../../../src/backends/kind/cluster.js')),
  ...(await import('../../../src/backends/kind/marker.js')),
});

async function calls(): Promise<string[][]> {
  const text = await readFile(join(dir, 'argv.log'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
}

describe('kindNodeImage', () => {
  it('uses LAB_KIND_IMAGE, e.g. the image scripts/kind-node-image builds', async () => {
    const { kindNodeImage } = await backend();
    expect(kindNodeImage({ LAB_KIND_IMAGE: 'auth-delegator-lab/kind-node:v1.36.3-0123456789ab' })).toBe(
      'auth-delegator-lab/kind-node:v1.36.3-0123456789ab',
    );
  });

  it("leaves the choice to kind when it is unset or empty (kind's default node image)", async () => {
    const { kindNodeImage } = await backend();
    expect(kindNodeImage({})).toBeUndefined();
    expect(kindNodeImage({ LAB_KIND_IMAGE: ' ' })).toBeUndefined();
  });
});

describe('startKind against a fake kind', () => {
  it('creates the cluster with kind’s default image, writes the kubeconfig and CA, and loads no image', async () => {
    const { startKind, KIND_CLUSTER } = await backend();
    const endpoint = await startKind(silent, () => undefined);
    const create = (await calls()).find((argv) => argv[0] === 'create') ?? [];
    expect(create).not.toContain('--image');
    expect((await calls()).some((argv) => argv[0] === 'load')).toBe(false);
    expect(endpoint).toMatchObject({ kubeServer: 'https://127.0.0.1:6443', podImage: undefined });
    expect(await readFile(endpoint.kubeCaFile, 'utf8')).toBe('FAKE CA');
    expect(existsSync(endpoint.kubeconfig)).toBe(true);
    expect(await readFile(join(dir, 'clusters'), 'utf8')).toBe(`${KIND_CLUSTER}\n`);
  });

  it('passes LAB_KIND_IMAGE to kind and loads LAB_POD_IMAGE into the new cluster', async () => {
    vi.stubEnv('LAB_KIND_IMAGE', 'auth-delegator-lab/kind-node:v1.36.3-0123456789ab');
    vi.stubEnv('LAB_POD_IMAGE', 'auth-delegator-lab/busybox:1.35.0');
    vi.stubEnv(
      'FAKE_DOCKER_IMAGES',
      'auth-delegator-lab/kind-node:v1.36.3-0123456789ab,auth-delegator-lab/busybox:1.35.0',
    );
    const { startKind, KIND_CLUSTER } = await backend();
    const endpoint = await startKind(silent, () => undefined);
    const argvs = await calls();
    const create = argvs.find((argv) => argv[0] === 'create') ?? [];
    expect(create[create.indexOf('--image') + 1]).toBe('auth-delegator-lab/kind-node:v1.36.3-0123456789ab');
    expect(argvs).toContainEqual(['load', 'docker-image', 'auth-delegator-lab/busybox:1.35.0', '--name', KIND_CLUSTER]);
    expect(endpoint.podImage).toBe('auth-delegator-lab/busybox:1.35.0');
  });

  it.each([
    ['LAB_KIND_IMAGE', 'auth-delegator-lab/kind-node:v1.36.3-missing'],
    ['LAB_POD_IMAGE', 'auth-delegator-lab/busybox:missing'],
  ])(
    'refuses an image named by %s that Docker does not have, before kind creates anything',
    async (variable, image) => {
      vi.stubEnv(variable, image);
      const { startKind } = await backend();
      const error = await startKind(silent, () => undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      // The module was loaded afresh, so its LabError is another class object than this file's.
      expect(error).toMatchObject({
        name: 'LabError',
        problem: `The image ${image} (${variable}) is not in Docker on this machine.`,
      });
      expect((error as LabError).fix).toContain('npx tsx scripts/kind-node-image/main.ts');
      expect((await calls()).some((argv) => argv[0] === 'create')).toBe(false);
    },
  );

  it('refuses a kind older than the pinned minor version before it creates anything', async () => {
    vi.stubEnv('FAKE_KIND_VERSION', 'v0.29.0');
    const { startKind } = await backend();
    await expect(startKind(silent, () => undefined)).rejects.toThrow(
      'kind v0.29.0 is on PATH, and the lab needs kind v0.33 or newer',
    );
    expect(await calls()).toEqual([['version']]);
  });

  it('names the cluster from LAB_KIND_CLUSTER and records, before kind runs, that the lab made the kind network', async () => {
    vi.stubEnv('LAB_KIND_CLUSTER', 'lab-second');
    const { startKind, readKindMarker } = await backend();
    const markers: unknown[] = [];
    const created = () => readFileSync(join(dir, 'argv.log'), 'utf8').includes('"create"');
    await startKind(silent, (marker) => markers.push({ ...marker, onDisk: readKindMarker(), created: created() }));
    expect(markers).toEqual([
      { cluster: 'lab-second', network: 'kind', onDisk: { cluster: 'lab-second', network: 'kind' }, created: false },
    ]);
    expect(readKindMarker()).toEqual({ cluster: 'lab-second', network: 'kind' });
    expect((await calls()).find((argv) => argv[0] === 'create')).toContain('lab-second');
  });

  it('leaves kind’s network out of the record when it was there before', async () => {
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'bridge,kind');
    const { startKind, readKindMarker, KIND_CLUSTER } = await backend();
    await startKind(silent, () => undefined);
    expect(readKindMarker()).toEqual({ cluster: KIND_CLUSTER });
  });

  it('refuses a LAB_KIND_CLUSTER that kind cannot use as a name', async () => {
    const { kindClusterName } = await backend();
    expect(() => kindClusterName({ LAB_KIND_CLUSTER: 'Lab_1' })).toThrow(
      'LAB_KIND_CLUSTER="Lab_1" is not a valid kind cluster name.',
    );
    expect(kindClusterName({})).toBe('auth-delegator-lab');
  });
});

describe('deleteKindCluster against fake kind and docker', () => {
  const dockerCalls = async () =>
    (await readFile(join(dir, 'docker-argv.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { argv: string[] }).argv);

  it('removes the network the lab made once no container uses it', async () => {
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab');
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'kind');
    const { deleteKindCluster } = await backend();
    await deleteKindCluster('lab', 'kind');
    expect(await calls()).toContainEqual(['delete', 'cluster', '--name', 'lab']);
    expect(await dockerCalls()).toContainEqual(['network', 'rm', 'kind']);
  });

  it('keeps the network while another cluster’s node is on it, and when the lab did not make it', async () => {
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab');
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'kind');
    vi.stubEnv('FAKE_DOCKER_CONTAINERS', 'other-control-plane@kind');
    const { deleteKindCluster } = await backend();
    await deleteKindCluster('lab', 'kind');
    await deleteKindCluster('lab');
    expect((await dockerCalls()).some((argv) => argv[0] === 'network' && argv[1] === 'rm')).toBe(false);
  });

  it('deletes again while Docker still lists a node it was making when up was cut off', async () => {
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab');
    vi.stubEnv('FAKE_DOCKER_MAKING', 'lab-control-plane:2');
    const { deleteKindCluster } = await backend();
    await deleteKindCluster('lab');
    expect((await calls()).filter((argv) => argv[0] === 'delete')).toHaveLength(3);
    expect((await dockerCalls()).filter((argv) => argv[0] === 'ps')).toHaveLength(3);
  });

  /** One kind cluster, lab, whose node Docker cannot kill while `state` reads FROZEN. */
  const stubFrozenNode = (state: string) => {
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab');
    vi.stubEnv('FAKE_KIND_FROZEN', state);
    vi.stubEnv('FAKE_DOCKER_CONTAINERS', 'lab-control-plane@kind');
    vi.stubEnv('FAKE_DOCKER_FROZEN', state);
  };

  it('thaws a node whose frozen cgroup keeps Docker from killing it, then deletes it (cgroup v1, runc#2105)', async () => {
    const root = join(dir, 'freezer');
    const state = join(root, 'docker', 'fakeid-lab-control-plane', 'kubepods', 'pod-1', 'freezer.state');
    mkdirSync(dirname(state), { recursive: true });
    writeFileSync(state, 'FROZEN\n');
    stubFrozenNode(state);
    const { deleteKindCluster } = await backend();
    await deleteKindCluster('lab', undefined, 5_000, root);
    expect(readFileSync(state, 'utf8')).toBe('THAWED');
    expect((await calls()).filter((argv) => argv[0] === 'delete')).toHaveLength(2);
    expect(await dockerCalls()).toContainEqual(['inspect', '--format', '{{.Id}}', 'lab-control-plane']);
  });

  it("gives kind's own error back when Docker cannot kill a node and nothing in it is frozen", async () => {
    const state = join(dir, 'elsewhere.state');
    writeFileSync(state, 'FROZEN\n');
    stubFrozenNode(state);
    const { deleteKindCluster } = await backend();
    const error = await deleteKindCluster('lab', undefined, 5_000, join(dir, 'empty-freezer')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'CommandError',
      stderr: expect.stringContaining('did not receive an exit event'),
    });
    expect((await calls()).filter((argv) => argv[0] === 'delete')).toHaveLength(1);
  });

  it('gives up on a node Docker keeps listing, naming it and the docker rm that removes it', async () => {
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab');
    vi.stubEnv('FAKE_DOCKER_CONTAINERS', 'lab-control-plane@kind');
    const { deleteKindCluster } = await backend();
    const error = await deleteKindCluster('lab', 'kind', 1_000).catch((e: unknown) => e);
    // The module was loaded afresh (resetModules), so its LabError is not this file's: compare what it says.
    expect(error).toMatchObject({
      name: 'LabError',
      problem: '`kind delete cluster --name lab` ran for 1 s, and Docker still lists lab-control-plane.',
      fix: 'run `docker rm -f -v lab-control-plane`, then `npm run lab -- down` again',
    });
    expect((await dockerCalls()).some((argv) => argv[0] === 'network')).toBe(false);
  });
});
