// The project's Python environment: JupyterLab, nbclient and the tslab kernel registered inside it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../exec.js';
import { repoRoot, venvDir } from '../paths.js';

const MARKER = join(venvDir, '.lab-requirements.sha256');

export const venvPython = () => join(venvDir, 'bin', 'python');
export const venvBin = (name: string) => join(venvDir, 'bin', name);
const tslabBin = () => join(repoRoot, 'node_modules', '.bin', 'tslab');

function requirementsHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(repoRoot, 'requirements.txt')))
    .update(readFileSync(join(repoRoot, 'constraints.txt')))
    .update(tslabBin())
    .digest('hex');
}

/** True when the venv holds exactly what requirements.txt pins and the tslab kernel is registered. */
export function venvReady(): boolean {
  return (
    existsSync(MARKER) &&
    readFileSync(MARKER, 'utf8').trim() === requirementsHash() &&
    existsSync(join(venvDir, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'))
  );
}

/** Creates or refreshes the venv; does nothing when it is already current. */
export async function ensureVenv(onLine?: (line: string) => void): Promise<boolean> {
  if (venvReady()) return false;
  const python = process.env.LAB_PYTHON ?? 'python3';
  if (!existsSync(venvPython())) {
    await run(python, ['-m', 'venv', venvDir], { fix: 'install Python 3.9+ with the venv module (Debian: apt-get install python3-venv)' });
  }
  await run(venvPython(), ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', join(repoRoot, 'requirements.txt'), '-c', join(repoRoot, 'constraints.txt')], {
    fix: 'check that PyPI is reachable, then run `npm run lab -- install` again',
    onLine,
  });
  await run(tslabBin(), ['install', `--python=${venvPython()}`, '--sys-prefix', `--binary=${tslabBin()}`], {
    fix: 'run `npm ci` so node_modules/.bin/tslab exists',
  });
  writeFileSync(MARKER, `${requirementsHash()}\n`);
  return true;
}
