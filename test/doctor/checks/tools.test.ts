// The kubectl and curl checks against fake executables on an isolated PATH.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlCheck, kubectlCheck } from '../../../src/doctor/checks/tools.js';
import { useIsolatedBins, writeFake } from '../../binaries/fixtures.js';

const bins = useIsolatedBins();

describe('kubectl check', () => {
  it('passes with the client version', async () => {
    await writeFake(bins.pathDir, 'kubectl', 'Client Version: v1.34.1\nKustomize Version: v5.7.1');
    expect(await kubectlCheck.run()).toEqual({ ok: true, found: 'v1.34.1' });
  });

  it('warns when kubectl is not on PATH, with where to get it', async () => {
    expect(await kubectlCheck.run()).toEqual({
      ok: false,
      optional: true,
      found: 'not on PATH',
      advice: 'install kubectl (https://kubernetes.io/docs/tasks/tools/) to follow the terminal path and run `npm run lab -- record`',
    });
  });

  it('says why a kubectl that fails failed', async () => {
    await writeFile(join(bins.pathDir, 'kubectl'), '#!/bin/sh\necho "error: unknown flag: --client" >&2\nexit 1\n', { mode: 0o755 });
    expect((await kubectlCheck.run()).found).toBe('Command exited with code 1: kubectl version --client (error: unknown flag: --client)');
  });
});

describe('curl check', () => {
  it('passes with the version', async () => {
    await writeFake(bins.pathDir, 'curl', 'curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13\nRelease-Date: 2023-12-06');
    expect(await curlCheck.run()).toEqual({ ok: true, found: 'curl 8.5.0' });
  });

  it('warns when curl is not on PATH, with how to install it', async () => {
    expect(await curlCheck.run()).toMatchObject({ ok: false, optional: true, found: 'not on PATH', advice: expect.stringContaining('apt-get install curl') });
  });
});
