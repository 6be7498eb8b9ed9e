// The binary check against fake server binaries on an isolated PATH: its advice is the fix for where the binary was found.
import { describe, expect, it, vi } from 'vitest';
import { binaryCheck } from '../../src/binaries/binary-check.js';
import { VERSIONS } from '../../src/binaries/versions.js';
import { useIsolatedBins, writeFake } from './fixtures.js';

const bins = useIsolatedBins('LAB_ETCD');
const wanted = VERSIONS.etcd;

describe('binary check', () => {
  it('passes on the pinned version and says where it is', async () => {
    const path = await writeFake(bins.pathDir, 'etcd', `etcd Version: ${wanted.replace(/^v/, '')}`);
    expect(await binaryCheck('etcd').run()).toEqual({ ok: true, found: `${wanted} at ${path}` });
  });

  it('fails on a missing binary and advises install', async () => {
    const result = await binaryCheck('etcd').run();
    expect(result).toMatchObject({ ok: false, found: `missing (wanted ${wanted})` });
    expect(result.advice).toMatch(
      /^run `npm run lab -- install`, which downloads etcd .* or set LAB_ETCD to such a binary$/,
    );
  });

  it('fails on a wrong version on PATH and advises what install cannot do: take it off PATH', async () => {
    const path = await writeFake(bins.pathDir, 'etcd', 'etcd Version: 3.5.0');
    expect(await binaryCheck('etcd').run()).toEqual({
      ok: false,
      found: `v3.5.0 at ${path} (wanted ${wanted})`,
      advice: `remove ${bins.pathDir} from PATH, or set LAB_ETCD to a etcd ${wanted} binary`,
    });
  });

  it('fails on a wrong version named by LAB_ETCD and advises unsetting it', async () => {
    const path = await writeFake(bins.dir, 'old-etcd', 'etcd Version: 3.5.0');
    vi.stubEnv('LAB_ETCD', path);
    expect(await binaryCheck('etcd').run()).toMatchObject({
      ok: false,
      advice: `unset LAB_ETCD, or point it at a etcd ${wanted} binary`,
    });
  });
});
