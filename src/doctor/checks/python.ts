import type { Check } from '../check.js';
import { probe } from '../../exec.js';
import { venvBin, venvReady } from '../../jupyter/venv.js';

export const pythonCheck: Check = {
  description: 'Python 3 with venv',
  async run() {
    const res = await probe(process.env.LAB_PYTHON ?? 'python3', ['-c', 'import venv, sys; print(sys.version.split()[0])']);
    const found = res?.stdout.trim();
    return found ? { ok: true, found } : { ok: false, found: 'python3 with the venv module not found', advice: 'install Python 3.9+ (Debian: apt-get install python3-venv)' };
  },
};

export const jupyterCheck: Check = {
  description: 'JupyterLab and nbclient in .venv',
  async run() {
    const res = await probe(venvBin('python'), ['-c', 'import jupyterlab, nbclient; print(jupyterlab.__version__, nbclient.__version__)']);
    const found = res?.stdout.trim();
    return found && venvReady()
      ? { ok: true, found: `jupyterlab ${found.replace(' ', ', nbclient ')}` }
      : { ok: false, found: found ? 'out of date' : 'no .venv', advice: 'run `npm run lab -- install`' };
  },
};
