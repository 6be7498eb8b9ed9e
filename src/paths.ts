// Where the lab keeps things: state inside the checkout (git-ignored), binaries in a cache outside it.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root, found from this file whether it runs from src/ or dist/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Per-run state: PKI, kubeconfig, logs, pids. Removed by `down`. Read when asked, like cacheDir(), so a caller can
 * set LAB_STATE_DIR after import.
 */
export function labDir(): string {
  return process.env.LAB_STATE_DIR ? resolve(process.env.LAB_STATE_DIR) : join(repoRoot, '.lab');
}

/** Server binaries and build logs live here so a fresh clone reuses them. */
export function cacheDir(): string {
  if (process.env.LAB_CACHE_DIR) return resolve(process.env.LAB_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'auth-delegator-lab');
}

/** The Python virtual environment with JupyterLab, nbclient and the tslab kernel. */
export const venvDir = join(repoRoot, '.venv');
