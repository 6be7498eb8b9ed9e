// Version checks remembered across runs: a binary that answered with the pinned version is not asked again
// while its path, size and modification time stay the same (kube-apiserver --version alone takes a second).
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir } from '../paths.js';

interface Stamp {
  version: string;
  size: number;
  mtimeMs: number;
}

const stampsPath = () => join(cacheDir(), 'bin', '.verified.json');

function readStamps(): Record<string, Stamp> {
  try {
    return JSON.parse(readFileSync(stampsPath(), 'utf8')) as Record<string, Stamp>;
  } catch {
    return {};
  }
}

function fileFacts(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  } catch {
    return undefined;
  }
}

/** True when `path` passed the check for `version` before and has not changed since. */
export function isStamped(path: string, version: string): boolean {
  const stamp = readStamps()[path];
  const facts = fileFacts(path);
  return Boolean(
    stamp && facts && stamp.version === version && stamp.size === facts.size && stamp.mtimeMs === facts.mtimeMs,
  );
}

/** Records that `path`, as it is now, answered with `version`. */
export function stamp(path: string, version: string): void {
  const facts = fileFacts(path);
  if (!facts) return;
  mkdirSync(dirname(stampsPath()), { recursive: true });
  writeFileSync(stampsPath(), `${JSON.stringify({ ...readStamps(), [path]: { version, ...facts } }, null, 1)}\n`);
}
