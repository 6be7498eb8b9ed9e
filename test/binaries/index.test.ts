import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { binaryStatus, ensureBinary } from '../../src/binaries/index.js';
import { silent } from '../../src/output/progress.js';
import { tempDir, writeFake } from './fixtures.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
let pathDir: string;
let cacheBin: string;

beforeEach(async () => {
  temp = await tempDir();
  pathDir = join(temp.dir, 'path-bin');
  cacheBin = join(temp.dir, 'cache', 'bin');
  await mkdir(pathDir, { recursive: true });
  await mkdir(cacheBin, { recursive: true });
  // Only the temp dir is on PATH: the real go, etcd or vault can never be reached.
  vi.stubEnv('PATH', pathDir);
  vi.stubEnv('LAB_CACHE_DIR', join(temp.dir, 'cache'));
  vi.stubEnv('LAB_KUBE_APISERVER', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

describe('ensureBinary', () => {
  it('resolves env var, then PATH, then cache', async () => {
    const cached = await writeFake(cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(cached);

    const onPath = await writeFake(pathDir, 'kube-apiserver', 'Kubernetes v1.36.3');
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(onPath);

    const explicit = await writeFake(temp.dir, 'apiserver', 'Kubernetes v1.36.3');
    vi.stubEnv('LAB_KUBE_APISERVER', explicit);
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(explicit);
  });

  it('refuses a wrong version rather than falling through to the next place', async () => {
    await writeFake(cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
    const wrong = await writeFake(pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
    await expect(ensureBinary('kube-apiserver', { reporter: silent })).rejects.toThrow(
      new RegExp(`${wrong} \\(on PATH\\) is kube-apiserver v1\\.29\\.0, but the lab needs kube-apiserver v1\\.36\\.3`),
    );
  });

  it('explains that building needs go when nothing is installed and go is missing', async () => {
    await expect(ensureBinary('kube-apiserver', { reporter: silent, offline: true })).rejects.toThrow(
      /Building kube-apiserver needs Go[\s\S]*Fix: install Go 1\.26 or newer .* or set LAB_KUBE_APISERVER/,
    );
  });
});

describe('binaryStatus', () => {
  it('reports a ready binary', async () => {
    const path = await writeFake(cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
    expect(await binaryStatus('kube-apiserver')).toEqual({
      name: 'kube-apiserver',
      wanted: 'v1.36.3',
      path,
      source: 'cache',
      found: 'v1.36.3',
      ok: true,
    });
  });

  it('reports a wrong version with its fix', async () => {
    const path = await writeFake(pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
    expect(await binaryStatus('kube-apiserver')).toMatchObject({ path, source: 'PATH', found: 'v1.29.0', ok: false, fix: expect.stringContaining('remove') });
  });

  it('reports a missing binary without building it', async () => {
    const status = await binaryStatus('kube-apiserver');
    expect(status).toMatchObject({ ok: false, fix: expect.stringContaining('downloads') });
    expect(status.path).toBeUndefined();
  });
});
