import { describe, expect, it, vi } from 'vitest';
import { binaryStatus, ensureBinary } from '../../src/binaries/index.js';
import { silent } from '../../src/output/progress.js';
import { useIsolatedBins, writeFake } from './fixtures.js';

const bins = useIsolatedBins('LAB_KUBE_APISERVER');

describe('ensureBinary', () => {
  it('resolves env var, then PATH, then cache', async () => {
    const cached = await writeFake(bins.cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(cached);

    const onPath = await writeFake(bins.pathDir, 'kube-apiserver', 'Kubernetes v1.36.3');
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(onPath);

    const explicit = await writeFake(bins.dir, 'apiserver', 'Kubernetes v1.36.3');
    vi.stubEnv('LAB_KUBE_APISERVER', explicit);
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(explicit);
  });

  it('refuses a wrong version rather than falling through to the next place', async () => {
    await writeFake(bins.cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
    const wrong = await writeFake(bins.pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
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
    const path = await writeFake(bins.cacheBin, 'kube-apiserver-v1.36.3', 'Kubernetes v1.36.3');
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
    const path = await writeFake(bins.pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
    expect(await binaryStatus('kube-apiserver')).toMatchObject({ path, source: 'PATH', found: 'v1.29.0', ok: false, fix: expect.stringContaining('remove') });
  });

  it('reports a missing binary without building it', async () => {
    const status = await binaryStatus('kube-apiserver');
    expect(status).toMatchObject({ ok: false, fix: expect.stringContaining('downloads') });
    expect(status.path).toBeUndefined();
  });
});
