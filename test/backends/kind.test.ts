import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silent } from '../../src/output/progress.js';
import { serverAndCa } from '../../src/backends/kind.js';
import { LabError } from '../../src/errors.js';

const fixtures = fileURLToPath(new URL('../fixtures/bin', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kind-backend-'));
  vi.stubEnv('PATH', `${fixtures}${delimiter}${process.env.PATH ?? ''}`);
  vi.stubEnv('FAKE_KIND_ARGV_LOG', join(dir, 'argv.log'));
  vi.stubEnv('FAKE_KIND_STATE', join(dir, 'clusters'));
  vi.stubEnv('LAB_STATE_DIR', join(dir, 'lab'));
  vi.stubEnv('LAB_KIND_IMAGE', '');
  vi.stubEnv('LAB_POD_IMAGE', '');
  vi.resetModules();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** The backend module loaded afresh, so it reads LAB_STATE_DIR from this test's environment. */
const backend = () => import('../../src/backends/kind.js');

async function calls(): Promise<string[][]> {
  const text = await readFile(join(dir, 'argv.log'), 'utf8');
  return text.trim().split('\n').map((line) => (JSON.parse(line) as { argv: string[] }).argv);
}

describe('kindNodeImage', () => {
  it('uses LAB_KIND_IMAGE, e.g. the image scripts/kind-node-image builds', async () => {
    const { kindNodeImage } = await backend();
    expect(kindNodeImage({ LAB_KIND_IMAGE: 'auth-delegator-lab/kind-node:v1.36.3-0123456789ab' })).toBe('auth-delegator-lab/kind-node:v1.36.3-0123456789ab');
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
    const { startKind, KIND_CLUSTER } = await backend();
    const endpoint = await startKind(silent, () => undefined);
    const argvs = await calls();
    const create = argvs.find((argv) => argv[0] === 'create') ?? [];
    expect(create[create.indexOf('--image') + 1]).toBe('auth-delegator-lab/kind-node:v1.36.3-0123456789ab');
    expect(argvs).toContainEqual(['load', 'docker-image', 'auth-delegator-lab/busybox:1.35.0', '--name', KIND_CLUSTER]);
    expect(endpoint.podImage).toBe('auth-delegator-lab/busybox:1.35.0');
  });
});


const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const kubeconfig = (cluster: string) => `apiVersion: v1
kind: Config
current-context: kind-lab
clusters:
- name: kind-lab
  cluster:
${cluster}
contexts:
- name: kind-lab
  context: { cluster: kind-lab, user: kind-lab }
users:
- name: kind-lab
  user: { token: abc }
`;

describe('serverAndCa', () => {
  it("reads the current cluster's server and CA, as kind writes them", () => {
    const text = kubeconfig(`    server: https://127.0.0.1:6443\n    certificate-authority-data: ${Buffer.from(CA).toString('base64')}`);
    expect(serverAndCa(text)).toEqual({ server: 'https://127.0.0.1:6443', ca: CA });
  });

  it('refuses a kubeconfig without CA data, with the command to look at it', () => {
    expect(() => serverAndCa(kubeconfig('    server: https://127.0.0.1:6443'))).toThrow(LabError);
    expect(() => serverAndCa(kubeconfig('    server: https://127.0.0.1:6443'))).toThrow(/kind get kubeconfig --name auth-delegator-lab/);
  });
});
