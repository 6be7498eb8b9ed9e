// JupyterLab in the foreground on 127.0.0.1, with Jupyter's own token, opened at the first notebook.
import { runForeground } from '../exec.js';
import { repoRoot } from '../paths.js';
import { venvBin } from './venv.js';

export const FIRST_NOTEBOOK = 'notebooks/00-start-here.ipynb';

export function jupyterArgs(port?: number): string[] {
  return [
    'lab',
    '--ip=127.0.0.1',
    ...(port ? [`--port=${port}`] : []),
    '--no-browser',
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    `--ServerApp.root_dir=${repoRoot}`,
    FIRST_NOTEBOOK,
  ];
}

/** Blocks until JupyterLab exits (Ctrl-C); the lab's servers keep running until `down`. */
export function serveJupyter(port?: number): Promise<number> {
  return runForeground(venvBin('jupyter'), jupyterArgs(port), { cwd: repoRoot, env: { FORCE_COLOR: '1' } });
}
