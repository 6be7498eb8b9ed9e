// `install`: everything the lab needs besides npm packages: the compiled library the notebooks import,
// the Python venv with JupyterLab and the tslab kernel, and the server binaries. Each step is skipped when current.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAllBinaries } from '../binaries/binaries.js';
import { run } from '../exec.js';
import type { Steps } from '../output/steps.js';
import { cacheDir, repoRoot } from '../paths.js';
import { ensureVenv, venvReady } from '../jupyter/venv.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ is stale when any file in src/ is newer than dist/index.js. */
export function distIsStale(): boolean {
  const marker = join(repoRoot, 'dist', 'index.js');
  return !existsSync(marker) || newestMtime(join(repoRoot, 'src')) > statSync(marker).mtimeMs;
}

/** Compiles src/ to dist/ with declarations, the form tslab can import from notebooks/. */
export async function buildLibrary(): Promise<void> {
  await run(
    process.execPath,
    [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.build.json')],
    {
      cwd: repoRoot,
      fix: 'fix the TypeScript errors above, then run `npm run build`',
    },
  );
}

/** Every install's steps with their times, appended run after run; the bench reads the cold run's phases here. */
export const installLogPath = () => join(cacheDir(), 'logs', 'install.log');

/** The bootstrap script times `npm ci` before the CLI runs, and hands the milliseconds over in this variable. */
export const NPM_CI_MS_VAR = 'LAB_NPM_CI_MS';

export async function install(progress: Steps, opts: { binaries?: boolean } = {}): Promise<void> {
  progress.keepTranscript(installLogPath(), 'install');
  const npmCi = Number(process.env[NPM_CI_MS_VAR]);
  if (npmCi > 0) progress.recordStep('Installing npm dependencies (npm ci)', npmCi);
  if (distIsStale()) await progress.step('Compiling the notebook library (src/ → dist/)', () => buildLibrary());
  if (!venvReady())
    await progress.step('Creating the Python venv with JupyterLab, nbclient and the tslab kernel', (update) =>
      ensureVenv(update),
    );
  if (opts.binaries !== false) await ensureAllBinaries({ reporter: progress });
}
