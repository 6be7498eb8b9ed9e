// The project's Python environment: JupyterLab, nbclient and the tslab kernel registered inside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../exec.js';
import { repoRoot, venvDir } from '../paths.js';

const MARKER = join(venvDir, '.lab-requirements.sha256');

export const venvPython = () => join(venvDir, 'bin', 'python');
export const venvBin = (name: string) => join(venvDir, 'bin', name);
const tslabBin = () => join(repoRoot, 'node_modules', '.bin', 'tslab');

/**
 * The lab's own Jupyter configuration, written inside the venv (never the learner's ~/.jupyter):
 * - package.json: the checkout's package.json says "type": "module", so Node would load the JavaScript that
 *   JupyterLab runs from the venv (its bundled yarn.js) as ESM, which fails with a long minified stack;
 * - the settings override answers the "Jupyter news" question up front, so no pop-up covers notebook 00.
 */
export const LAB_JUPYTER_FILES: Readonly<Record<string, string>> = {
  'package.json': `${JSON.stringify({ type: 'commonjs' })}\n`,
  'share/jupyter/lab/settings/overrides.json': `${JSON.stringify(
    { '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false } },
    null,
    2,
  )}\n`,
};

function requirementsHash(): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(repoRoot, 'requirements.txt')))
    .update(readFileSync(join(repoRoot, 'constraints.txt')))
    .update(tslabBin());
  for (const [path, text] of Object.entries(LAB_JUPYTER_FILES)) hash.update(path).update(text);
  return hash.digest('hex');
}

function writeLabJupyterFiles(): void {
  for (const [path, text] of Object.entries(LAB_JUPYTER_FILES)) {
    mkdirSync(dirname(join(venvDir, path)), { recursive: true });
    writeFileSync(join(venvDir, path), text);
  }
}

/** True when the venv holds exactly what requirements.txt pins and the tslab kernel is registered. */
export function venvReady(): boolean {
  return (
    existsSync(MARKER) &&
    readFileSync(MARKER, 'utf8').trim() === requirementsHash() &&
    existsSync(join(venvDir, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json')) &&
    Object.keys(LAB_JUPYTER_FILES).every((path) => existsSync(join(venvDir, path)))
  );
}

/** Creates or refreshes the venv; does nothing when it is already current. */
export async function ensureVenv(onLine?: (line: string) => void): Promise<boolean> {
  if (venvReady()) return false;
  const python = process.env.LAB_PYTHON ?? 'python3';
  if (!existsSync(venvPython())) {
    await run(python, ['-m', 'venv', venvDir], {
      fix: 'install Python 3.9+ with the venv module (Debian: apt-get install python3-venv)',
    });
  }
  // LAB_WHEELS: a workshop kit's wheels (set by `install --from KIT`), so pip needs no index.
  const wheels = process.env.LAB_WHEELS ? ['--no-index', '--find-links', process.env.LAB_WHEELS] : [];
  await run(
    venvPython(),
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      ...wheels,
      '-r',
      join(repoRoot, 'requirements.txt'),
      '-c',
      join(repoRoot, 'constraints.txt'),
    ],
    {
      fix: wheels.length
        ? "the kit's wheels do not cover requirements.txt: make the kit again from this checkout"
        : 'check that PyPI is reachable, then run `npm run lab -- install` again',
      onLine,
    },
  );
  await run(tslabBin(), ['install', `--python=${venvPython()}`, '--sys-prefix', `--binary=${tslabBin()}`], {
    fix: 'run `npm ci` so node_modules/.bin/tslab exists',
  });
  writeLabJupyterFiles();
  writeFileSync(MARKER, `${requirementsHash()}\n`);
  return true;
}
