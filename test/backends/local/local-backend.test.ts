import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localBackend } from '../../../src/backends/local/local-backend.js';
import { LabError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'local-backend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Built from parts, so no file in the repository reads like a PEM private key.
const KEY = `-----BEGIN ${'PRIVATE'} KEY-----\nTEST\n-----END ${'PRIVATE'} KEY-----\n`;

describe('the local backend', () => {
  it('reads the signing key, sa.key, next to the CA', async () => {
    const pki = join(dir, 'pki');
    mkdirSync(pki);
    writeFileSync(join(pki, 'sa.key'), KEY);
    expect(await localBackend.signingKey({ kubeCaFile: join(pki, 'ca.crt') })).toEqual({
      pem: KEY,
      source: `cat ${join(pki, 'sa.key')}`,
    });
  });

  it('names the key file it could not read', async () => {
    await expect(localBackend.signingKey({ kubeCaFile: join(dir, 'nowhere', 'ca.crt') })).rejects.toThrow(LabError);
  });

  it('starts only processes, so it has nothing else to stop, name or find after a lost state', async () => {
    expect(localBackend.describe(undefined)).toEqual([]);
    expect(localBackend.leftover()).toBeUndefined();
    await expect(localBackend.stop(undefined)).resolves.toBeUndefined();
    expect(localBackend.offers).toEqual({ signingKey: true, vaultLog: true, audit: true, trace: true });
    expect(localBackend.checks.map((c) => c.description)).toEqual(
      expect.arrayContaining([expect.stringContaining('kube-apiserver')]),
    );
  });
});
