import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cachedPath, findCandidate, findOnPath, verifyVersion } from '../../src/binaries/resolve.js';
import { VAULT_VERSION, VERSIONS } from '../../src/binaries/versions.js';
import { useIsolatedBins, writeFake } from './fixtures.js';

const bins = useIsolatedBins('LAB_ETCD');
const ETCD = VERSIONS.etcd;
/** What the pinned etcd prints for --version: its version without the leading v. */
const ETCD_SAYS = `etcd Version: ${ETCD.replace(/^v/, '')}`;

describe('findCandidate', () => {
  it('prefers the env var, then PATH, then the cache', async () => {
    const cached = await writeFake(bins.cacheBin, `etcd-${ETCD}`, ETCD_SAYS);
    expect(cachedPath('etcd')).toBe(cached);
    expect(await findCandidate('etcd')).toEqual({ name: 'etcd', path: cached, source: 'cache' });

    const onPath = await writeFake(bins.pathDir, 'etcd', ETCD_SAYS);
    expect(await findCandidate('etcd')).toEqual({ name: 'etcd', path: onPath, source: 'PATH' });

    const explicit = await writeFake(bins.dir, 'my-etcd', ETCD_SAYS);
    vi.stubEnv('LAB_ETCD', explicit);
    expect(await findCandidate('etcd')).toEqual({ name: 'etcd', path: explicit, source: 'env' });
  });

  it('never takes a kubectl from PATH (most machines have another version): only LAB_KUBECTL and the cache', async () => {
    await writeFake(bins.pathDir, 'kubectl', 'Client Version: v1.32.4');
    expect(await findCandidate('kubectl')).toBeUndefined();
    const cached = await writeFake(bins.cacheBin, `kubectl-${VERSIONS.kubectl}`, `Client Version: ${VERSIONS.kubectl}`);
    expect(await findCandidate('kubectl')).toEqual({ name: 'kubectl', path: cached, source: 'cache' });
  });

  it('finds nothing when nothing is installed', async () => {
    expect(await findCandidate('etcd')).toBeUndefined();
  });

  it('refuses an env var that names no executable', async () => {
    vi.stubEnv('LAB_ETCD', join(bins.dir, 'nope'));
    await expect(findCandidate('etcd')).rejects.toThrow(
      /LAB_ETCD is set to .*nope, which is not an executable file[\s\S]*Fix: unset LAB_ETCD/,
    );
  });
});

describe('findOnPath', () => {
  it('skips directories where the name is not executable', async () => {
    const second = join(bins.dir, 'second');
    await mkdir(second);
    const path = await writeFake(second, 'vault', `Vault ${VAULT_VERSION}`);
    expect(await findOnPath('vault', `${join(bins.dir, 'missing')}:${bins.pathDir}:${second}`)).toBe(path);
  });
});

describe('verifyVersion', () => {
  it('accepts the pinned version', async () => {
    const path = await writeFake(bins.pathDir, 'vault', `Vault ${VAULT_VERSION}, built 2025-11-18T21:04:32Z (cgo)`);
    await expect(verifyVersion({ name: 'vault', path, source: 'PATH' })).resolves.toBe(VAULT_VERSION);
  });

  it('names the path, the versions and the fix for a binary on PATH', async () => {
    const path = await writeFake(bins.pathDir, 'vault', 'Vault v1.15.0');
    await expect(verifyVersion({ name: 'vault', path, source: 'PATH' })).rejects.toThrow(
      `${path} (on PATH) is vault v1.15.0, but the lab needs vault ${VAULT_VERSION}`,
    );
    await expect(verifyVersion({ name: 'vault', path, source: 'PATH' })).rejects.toThrow(
      `Fix: remove ${bins.pathDir} from PATH, or set LAB_VAULT to a vault ${VAULT_VERSION} binary`,
    );
  });

  it('tells an env var user to unset it', async () => {
    const path = await writeFake(bins.dir, 'apiserver', 'Kubernetes v1.30.0');
    const refused = verifyVersion({ name: 'kube-apiserver', path, source: 'env' });
    await expect(refused).rejects.toThrow(
      `from LAB_KUBE_APISERVER) is kube-apiserver v1.30.0, but the lab needs kube-apiserver ${VERSIONS['kube-apiserver']}`,
    );
    await expect(refused).rejects.toThrow(/Fix: unset LAB_KUBE_APISERVER/);
  });

  it('says so when the output names no version', async () => {
    const path = await writeFake(bins.cacheBin, `etcd-${ETCD}`, 'segmentation fault');
    await expect(verifyVersion({ name: 'etcd', path, source: 'cache' })).rejects.toThrow(
      /printed no etcd version[\s\S]*Output: segmentation fault[\s\S]*Fix: delete/,
    );
  });
});
