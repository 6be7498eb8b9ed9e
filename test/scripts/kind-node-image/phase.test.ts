import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { inputKey } from '../../../scripts/kind-node-image/phase.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'input-key-'));
  await writeFile(join(dir, 'a'), 'one');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('changes with any input: a string, a file’s content or its mode', async () => {
  const first = inputKey(['v1.36.3'], [dir]);
  expect(inputKey(['v1.36.3'], [dir])).toBe(first);
  expect(inputKey(['v1.36.4'], [dir])).not.toBe(first);
  await writeFile(join(dir, 'a'), 'two');
  const second = inputKey(['v1.36.3'], [dir]);
  expect(second).not.toBe(first);
  await chmod(join(dir, 'a'), 0o755);
  expect(inputKey(['v1.36.3'], [dir])).not.toBe(second);
});

it('does not depend on where the checkout is', async () => {
  const other = await mkdtemp(join(tmpdir(), 'input-key-'));
  try {
    for (const root of [dir, other]) {
      await mkdir(join(root, 'files'));
      await writeFile(join(root, 'files', 'entrypoint'), '#!/bin/sh\n');
    }
    expect(inputKey([], [join(other, 'files')])).toBe(inputKey([], [join(dir, 'files')]));
  } finally {
    await rm(other, { recursive: true, force: true });
  }
});
