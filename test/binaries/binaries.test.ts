import { utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { binaryStatus, ensureBinary } from '../../src/binaries/binaries.js';
import { VERSIONS } from '../../src/binaries/versions.js';
import { silent } from '../../src/output/steps.js';
import { fakeExecutable, useIsolatedBins, writeFake } from './fixtures.js';

const bins = useIsolatedBins('LAB_KUBE_APISERVER');
const WANTED = VERSIONS['kube-apiserver'];
const CACHED = `kube-apiserver-${WANTED}`;
const SAYS = `Kubernetes ${WANTED}`;

describe('ensureBinary', () => {
  it('resolves env var, then PATH, then cache', async () => {
    const cached = await writeFake(bins.cacheBin, CACHED, SAYS);
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(cached);

    const onPath = await writeFake(bins.pathDir, 'kube-apiserver', SAYS);
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(onPath);

    const explicit = await writeFake(bins.dir, 'apiserver', SAYS);
    vi.stubEnv('LAB_KUBE_APISERVER', explicit);
    expect(await ensureBinary('kube-apiserver', { reporter: silent })).toBe(explicit);
  });

  it('refuses a wrong version rather than falling through to the next place', async () => {
    await writeFake(bins.cacheBin, CACHED, SAYS);
    const wrong = await writeFake(bins.pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
    await expect(ensureBinary('kube-apiserver', { reporter: silent })).rejects.toThrow(
      `${wrong} (on PATH) is kube-apiserver v1.29.0, but the lab needs kube-apiserver ${WANTED}`,
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
    const path = await writeFake(bins.cacheBin, CACHED, SAYS);
    expect(await binaryStatus('kube-apiserver')).toEqual({
      name: 'kube-apiserver',
      wanted: WANTED,
      path,
      source: 'cache',
      found: WANTED,
      ok: true,
    });
  });

  it('does not run a binary again once it answered with the pinned version, until the file changes', async () => {
    const path = await writeFake(bins.cacheBin, CACHED, SAYS);
    const mtime = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, mtime, mtime);
    expect(await binaryStatus('kube-apiserver')).toMatchObject({ found: WANTED, ok: true });
    // Same size and modification time, another answer: the remembered check stands, so nothing ran.
    const other = SAYS.replace(/\d/g, '9');
    writeFileSync(path, fakeExecutable(other));
    utimesSync(path, mtime, mtime);
    expect(await binaryStatus('kube-apiserver')).toMatchObject({ found: WANTED, ok: true });
    // A changed file is asked again.
    utimesSync(path, mtime, new Date(mtime.getTime() + 5_000));
    expect(await binaryStatus('kube-apiserver')).toMatchObject({ found: other.replace('Kubernetes ', ''), ok: false });
  });

  it('reports a wrong version with its fix', async () => {
    const path = await writeFake(bins.pathDir, 'kube-apiserver', 'Kubernetes v1.29.0');
    expect(await binaryStatus('kube-apiserver')).toMatchObject({
      path,
      source: 'PATH',
      found: 'v1.29.0',
      ok: false,
      fix: expect.stringContaining('remove'),
    });
  });

  it('reports a missing binary without building it', async () => {
    const status = await binaryStatus('kube-apiserver');
    expect(status).toMatchObject({ ok: false, fix: expect.stringContaining('downloads') });
    expect(status.path).toBeUndefined();
  });
});
