// The kind check against fake `kind` executables on an isolated PATH.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindCheck } from '../../../src/backends/kind/kind-check.js';
import { KIND_VERSION } from '../../../src/binaries/versions.js';
import { useIsolatedBins, writeFake } from '../../binaries/fixtures.js';

const bins = useIsolatedBins();

describe('kind check', () => {
  it('passes with the version kind reports', async () => {
    await writeFake(bins.pathDir, 'kind', 'kind v0.33.0 go1.26.8 linux/amd64');
    expect(await kindCheck.run()).toEqual({ ok: true, found: 'v0.33.0' });
  });

  it('fails, as optional, with a kind older than the lab needs, and says which to install', async () => {
    await writeFake(bins.pathDir, 'kind', 'kind v0.30.0 go1.24.6 linux/amd64');
    expect(await kindCheck.run()).toEqual({
      ok: false,
      optional: true,
      found: 'v0.30.0 (too old)',
      advice: `go install sigs.k8s.io/kind@${KIND_VERSION} to use --backend kind`,
    });
  });

  it('warns, with the install advice, when kind is not on PATH', async () => {
    expect(await kindCheck.run()).toMatchObject({
      ok: false,
      optional: true,
      found: 'not on PATH',
      advice: expect.stringContaining(`go install sigs.k8s.io/kind@${KIND_VERSION}`),
    });
  });

  it('says why when a kind on PATH fails, instead of calling it missing', async () => {
    await writeFile(
      join(bins.pathDir, 'kind'),
      '#!/bin/sh\necho "kind: cannot execute: Exec format error" >&2\nexit 126\n',
      { mode: 0o755 },
    );
    const result = await kindCheck.run();
    expect(result).toMatchObject({ ok: false, optional: true });
    expect(result.found).toBe('Command exited with code 126: kind version (kind: cannot execute: Exec format error)');
  });
});
