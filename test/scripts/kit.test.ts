// The kit's check, run the way a learner runs it: bootstrap.mjs with `install --from KIT`. A kit whose
// checksums fail is refused before anything is installed (the binary cache stays empty).
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackAndVerify, removeKit } from '../../scripts/kit.mjs';
import { checksumManifest } from '../../src/lab/workshop/kit.js';
import { repoRoot } from '../../src/paths.js';
import { removeTempDirs, tempDir } from '../scratch.js';

afterAll(removeTempDirs);

/** The directories unpackAndVerify unpacks kits into, which a refused kit must not leave behind. */
const unpacked = () => readdirSync(tmpdir()).filter((name) => /^lab-kit-[^-]+$/.test(name));

/** A tiny kit: one binary and one wheel, SHA256SUMS over them, then `change` applied before packing. */
async function tinyKit(change?: (kit: string) => void): Promise<string> {
  const scratch = tempDir('kit-test');
  const kit = join(scratch, 'kit');
  mkdirSync(join(kit, 'bin', 'linux-x64'), { recursive: true });
  mkdirSync(join(kit, 'wheels'));
  writeFileSync(join(kit, 'bin', 'linux-x64', 'vault-v1.21.1'), '#!/bin/sh\necho vault\n');
  writeFileSync(join(kit, 'wheels', 'nbformat-5.11.1-py3-none-any.whl'), 'wheel');
  writeFileSync(join(kit, 'SHA256SUMS'), await checksumManifest(kit));
  change?.(kit);
  await execa('tar', ['-czf', join(scratch, 'kit.tar.gz'), '-C', scratch, 'kit']);
  return join(scratch, 'kit.tar.gz');
}

describe('unpackAndVerify', () => {
  it('accepts a kit whose every file matches SHA256SUMS, in sha256sum format', async () => {
    const kit = unpackAndVerify(await tinyKit());
    try {
      expect(readdirSync(join(kit, 'wheels'))).toEqual(['nbformat-5.11.1-py3-none-any.whl']);
      expect((await execa('sha256sum', ['-c', 'SHA256SUMS'], { cwd: kit })).stdout).toContain(
        'wheels/nbformat-5.11.1-py3-none-any.whl: OK',
      );
    } finally {
      removeKit(kit);
    }
  });

  it('refuses a changed file, an unlisted file and a missing one, and removes what it unpacked', async () => {
    const before = unpacked();
    const changed = await tinyKit((kit) =>
      writeFileSync(join(kit, 'bin', 'linux-x64', 'vault-v1.21.1'), '#!/bin/sh\necho evil\n'),
    );
    expect(() => unpackAndVerify(changed)).toThrow(
      /^Checksum mismatch for bin\/linux-x64\/vault-v1\.21\.1 in the kit: SHA256SUMS says [0-9a-f]{64}, the file is [0-9a-f]{64}; nothing was installed\./,
    );
    const extra = await tinyKit((kit) => writeFileSync(join(kit, 'wheels', 'extra.whl'), 'x'));
    expect(() => unpackAndVerify(extra)).toThrow('The kit holds wheels/extra.whl, which SHA256SUMS does not list');
    const missing = await tinyKit((kit) =>
      writeFileSync(join(kit, 'SHA256SUMS'), `${'0'.repeat(64)}  wheels/gone.whl\n`, { flag: 'a' }),
    );
    expect(() => unpackAndVerify(missing)).toThrow('The kit lacks wheels/gone.whl');
    expect(unpacked()).toEqual(before);
  });
});

describe('npm run lab -- install --from KIT', () => {
  it('refuses a kit with a failed checksum before installing anything', async () => {
    const cache = tempDir('kit-cache');
    const kit = await tinyKit((k) => writeFileSync(join(k, 'wheels', 'nbformat-5.11.1-py3-none-any.whl'), 'tampered'));
    const res = await execa(
      process.execPath,
      [join(repoRoot, 'scripts', 'bootstrap.mjs'), 'lab', 'install', '--from', kit],
      {
        env: { LAB_CACHE_DIR: cache },
        reject: false,
        all: true,
      },
    );
    expect(res.exitCode).toBe(1);
    expect(res.all).toMatch(
      /^ERROR: Checksum mismatch for wheels\/nbformat-5\.11\.1-py3-none-any\.whl in the kit: .*; nothing was installed\.\nFix: /m,
    );
    expect(res.all).not.toContain('npm ci');
    expect(existsSync(join(cache, 'bin'))).toBe(false);
  });
});
