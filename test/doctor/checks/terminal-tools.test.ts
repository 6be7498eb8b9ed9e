// The curl check against fake executables on an isolated PATH.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlCheck } from '../../../src/doctor/checks/terminal-tools.js';
import { useIsolatedBins, writeFake } from '../../binaries/fixtures.js';

const bins = useIsolatedBins();

describe('curl check', () => {
  it('passes with the version', async () => {
    await writeFake(
      bins.pathDir,
      'curl',
      'curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13\nRelease-Date: 2023-12-06',
    );
    expect(await curlCheck.run()).toEqual({ ok: true, found: 'curl 8.5.0' });
  });

  it('warns when curl is not on PATH, with how to install it', async () => {
    expect(await curlCheck.run()).toMatchObject({
      ok: false,
      optional: true,
      found: 'not on PATH',
      advice: expect.stringContaining('apt-get install curl'),
    });
  });

  it('says why a curl that fails failed', async () => {
    await writeFile(join(bins.pathDir, 'curl'), '#!/bin/sh\necho "curl: option --version: is unknown" >&2\nexit 2\n', {
      mode: 0o755,
    });
    expect((await curlCheck.run()).found).toBe(
      'Command exited with code 2: curl --version (curl: option --version: is unknown)',
    );
  });
});
