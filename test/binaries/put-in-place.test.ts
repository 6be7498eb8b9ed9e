import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { installAtomically } from '../../src/binaries/put-in-place.js';
import { tempDir } from './fixtures.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  temp = await tempDir();
});
afterEach(() => temp.cleanup());

it('renames into place only after the check passes', async () => {
  const destination = join(temp.dir, 'vault-v1.21.4');
  let seenDuringCheck: string[] = [];
  await installAtomically(
    destination,
    (path) => writeFile(path, 'binary'),
    async () => {
      seenDuringCheck = await readdir(temp.dir);
    },
  );
  expect(seenDuringCheck).toHaveLength(1);
  expect(seenDuringCheck[0]).toMatch(/^\.vault-v1\.21\.4\.tmp-/);
  expect(await readFile(destination, 'utf8')).toBe('binary');
  expect(await readdir(temp.dir)).toEqual(['vault-v1.21.4']);
});

it('leaves nothing behind when producing or checking fails', async () => {
  const destination = join(temp.dir, 'etcd-v3.6.8');
  await expect(
    installAtomically(destination, (path) => writeFile(path, 'half').then(() => Promise.reject(new Error('killed')))),
  ).rejects.toThrow('killed');
  await expect(
    installAtomically(
      destination,
      (path) => writeFile(path, 'x'),
      () => Promise.reject(new Error('wrong version')),
    ),
  ).rejects.toThrow('wrong version');
  expect(await readdir(temp.dir)).toEqual([]);
});

it('sweeps up temp files left by a process that died mid-install', async () => {
  await writeFile(join(temp.dir, '.etcd-v3.6.8.tmp-999999999-abcd'), 'half a binary');
  await installAtomically(join(temp.dir, 'etcd-v3.6.8'), (path) => writeFile(path, 'whole'));
  expect(await readdir(temp.dir)).toEqual(['etcd-v3.6.8']);
});
