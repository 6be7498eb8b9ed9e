import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  containersWithLabel,
  daemonAnswers,
  dockerCommandFix,
  imageExists,
  networkContainers,
  networkExists,
  removeNetwork,
} from '../../src/docker/docker.js';
import { CommandError } from '../../src/errors.js';

const fixtures = fileURLToPath(new URL('../fixtures/bin', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docker-wrapper-'));
  vi.stubEnv('PATH', `${fixtures}${delimiter}${process.env.PATH ?? ''}`);
  vi.stubEnv('FAKE_DOCKER_ARGV_LOG', join(dir, 'argv.log'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function calls(): Promise<string[][]> {
  const text = await readFile(join(dir, 'argv.log'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
}

describe('docker wrapper against a fake docker on PATH', () => {
  it('has an executable fixture (git must keep its mode)', () => {
    expect(() => accessSync(join(fixtures, 'docker'), constants.X_OK)).not.toThrow();
  });

  it('daemonAnswers() runs `docker info` and is false when the daemon is down', async () => {
    await expect(daemonAnswers()).resolves.toBe(true);
    vi.stubEnv('FAKE_DOCKER_DOWN', '1');
    await expect(daemonAnswers()).resolves.toBe(false);
    expect(await calls()).toEqual(Array(2).fill(['info', '--format', '{{.ServerVersion}}']));
  });

  it('imageExists() asks `docker image inspect` for that image', async () => {
    vi.stubEnv('FAKE_DOCKER_IMAGES', 'auth-delegator-lab/busybox:1.35.0');
    await expect(imageExists('auth-delegator-lab/busybox:1.35.0')).resolves.toBe(true);
    await expect(imageExists('auth-delegator-lab/kind-node:missing')).resolves.toBe(false);
    expect((await calls())[0]).toEqual([
      'image',
      'inspect',
      '--format',
      '{{.Id}}',
      'auth-delegator-lab/busybox:1.35.0',
    ]);
  });

  it('imageExists() throws, naming the daemon, when Docker does not answer (not "no such image")', async () => {
    vi.stubEnv('FAKE_DOCKER_DOWN', '1');
    const error = await imageExists('any:tag').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toContain('Cannot connect to the Docker daemon');
    expect((error as CommandError).fix).toBe(dockerCommandFix('Cannot connect to the Docker daemon'));
  });

  it('networkExists() matches the whole name', async () => {
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'bridge,kind-other');
    await expect(networkExists('kind')).resolves.toBe(false);
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'bridge,kind');
    await expect(networkExists('kind')).resolves.toBe(true);
    expect((await calls())[0]).toEqual(['network', 'ls', '--filter', 'name=^kind$', '--format', '{{.Name}}']);
  });

  it('networkContainers() lists the containers on a network; removeNetwork() removes it', async () => {
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'kind,bridge');
    vi.stubEnv('FAKE_DOCKER_CONTAINERS', 'lab-control-plane@kind,web@bridge');
    await expect(networkContainers('kind')).resolves.toEqual(['lab-control-plane']);
    await removeNetwork('kind');
    expect((await calls())[1]).toEqual(['network', 'rm', 'kind']);
  });

  it('containersWithLabel() lists every container, running or not, with that label', async () => {
    vi.stubEnv('FAKE_DOCKER_CONTAINERS', 'lab-control-plane@kind,other-control-plane@kind');
    await expect(containersWithLabel('io.x-k8s.kind.cluster=lab')).resolves.toEqual(['lab-control-plane']);
    expect(await calls()).toEqual([
      ['ps', '--all', '--filter', 'label=io.x-k8s.kind.cluster=lab', '--format', '{{.Names}}'],
    ]);
  });

  it('a failed command names argv and stderr, with the fix for what Docker said', async () => {
    const error = await removeNetwork('kind').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toContain('docker network rm kind');
    expect((error as CommandError).message).toContain('No such network: kind');
  });
});

describe('dockerCommandFix', () => {
  it('says to start Docker when the daemon does not answer', () => {
    expect(
      dockerCommandFix(
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      ),
    ).toContain('start Docker');
  });

  it('says how to join the docker group on a permission error', () => {
    expect(dockerCommandFix('permission denied while trying to connect to the Docker daemon socket')).toContain(
      'usermod -aG docker',
    );
  });
});
