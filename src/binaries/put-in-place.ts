// Puts a binary into place all at once, so an interrupted build or download never leaves half a file behind.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isAlive } from '../processes.js';

const TEMP_MARK = '.tmp-';

/** Removes temp files that crashed or interrupted installs of `destination` left behind. */
async function removeLeftovers(destination: string): Promise<void> {
  const prefix = `.${basename(destination)}${TEMP_MARK}`;
  for (const entry of await readdir(dirname(destination))) {
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (entry.startsWith(prefix) && Number.isInteger(pid) && !isAlive(pid)) {
      await rm(join(dirname(destination), entry), { force: true });
    }
  }
}

/**
 * Writes to a hidden temp name beside `destination`, lets `check` inspect it, then renames it into place.
 * Nothing appears at `destination` unless both `produce` and `check` succeed.
 */
export async function installAtomically(
  destination: string,
  produce: (tempPath: string) => Promise<void>,
  check: (tempPath: string) => Promise<void> = async () => undefined,
): Promise<string> {
  await mkdir(dirname(destination), { recursive: true });
  await removeLeftovers(destination);
  const temp = join(
    dirname(destination),
    `.${basename(destination)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await produce(temp);
    await chmod(temp, 0o755);
    await check(temp);
    await rename(temp, destination);
    return destination;
  } finally {
    await rm(temp, { force: true });
  }
}
