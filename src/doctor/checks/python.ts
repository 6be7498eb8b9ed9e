import { existsSync } from 'node:fs';
import { whyFailed, type Check } from '../../check.js';
import { probe } from '../../exec.js';
import { venvBin, venvReady } from '../../jupyter/venv.js';

export const pythonCheck: Check = {
  description: 'Python 3 with venv',
  async run() {
    const res = await probe(process.env.LAB_PYTHON ?? 'python3', [
      '-c',
      'import venv, sys; print(sys.version.split()[0])',
    ]);
    return res.ok
      ? { ok: true, found: res.stdout.trim() }
      : {
          ok: false,
          found: whyFailed(res.error),
          advice: 'install Python 3.9+ (Debian: apt-get install python3-venv)',
        };
  },
};

export const jupyterCheck: Check = {
  description: 'JupyterLab and nbclient in .venv',
  async run() {
    if (!existsSync(venvBin('python'))) return { ok: false, found: 'no .venv', advice: 'run `npm run lab -- install`' };
    const res = await probe(venvBin('python'), [
      '-c',
      'import jupyterlab, nbclient; print(jupyterlab.__version__, nbclient.__version__)',
    ]);
    if (!res.ok) return { ok: false, found: whyFailed(res.error), advice: 'run `npm run lab -- install`' };
    return venvReady()
      ? { ok: true, found: `jupyterlab ${res.stdout.trim().replace(' ', ', nbclient ')}` }
      : { ok: false, found: 'out of date', advice: 'run `npm run lab -- install`' };
  },
};
