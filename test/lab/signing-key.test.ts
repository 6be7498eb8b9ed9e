import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { KIND_SA_KEY, serviceAccountSigningKey } from '../../src/lab/signing-key.js';

const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Built from parts, so no file in the repository reads like a PEM private key.
const KEY = `-----BEGIN ${'PRIVATE'} KEY-----\nTEST\n-----END ${'PRIVATE'} KEY-----\n`;

describe('serviceAccountSigningKey', () => {
  it('reads sa.key next to the CA on the local backend', async () => {
    const pki = join(dir, 'pki');
    mkdirSync(pki);
    writeFileSync(join(pki, 'sa.key'), KEY);
    const key = await serviceAccountSigningKey({ backend: 'local', kubeCaFile: join(pki, 'ca.crt') });
    expect(key).toEqual({ pem: KEY, source: `cat ${join(pki, 'sa.key')}` });
  });

  it('names the file it could not read', async () => {
    await expect(serviceAccountSigningKey({ backend: 'local', kubeCaFile: join(dir, 'nowhere', 'ca.crt') })).rejects.toThrow(LabError);
  });

  it('reads the key from the kind node with docker exec', async () => {
    // A fake docker first on PATH: it prints the key only for the exact argv the lab should send.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const fake = join(bin, 'docker');
    writeFileSync(fake, `#!/bin/sh\n[ "$*" = "exec lab-x-control-plane cat ${KIND_SA_KEY}" ] || { echo "unexpected: $*" >&2; exit 2; }\nprintf '%s' '${KEY}'\n`);
    chmodSync(fake, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${path ?? ''}`;
    try {
      const key = await serviceAccountSigningKey({ backend: 'kind', kubeCaFile: '/unused', kindCluster: 'lab-x' });
      expect(key.pem).toBe(KEY);
      expect(key.source).toBe(`docker exec lab-x-control-plane cat ${KIND_SA_KEY}`);
    } finally {
      process.env.PATH = path;
    }
  });
});
