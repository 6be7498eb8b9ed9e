// JupyterLab in the foreground on 127.0.0.1, with Jupyter's own token, opened at the first notebook.
import { runForeground } from '../exec.js';
import { repoRoot } from '../paths.js';
import { venvBin } from './venv.js';

export const FIRST_NOTEBOOK = 'notebooks/00-start-here.ipynb';

/**
 * `jupyter lab` serving `root` (the checkout, or a copy of it) and opening `open` there (null: nothing).
 * Its terminals run the learner's $SHELL; where that is unset Jupyter would pick `sh`, in which the notebooks'
 * `source .lab/env` is "not found", so they run bash then (as a login shell, as Jupyter starts $SHELL).
 */
export function jupyterArgs(
  port?: number,
  root = repoRoot,
  open: string | null = FIRST_NOTEBOOK,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  return [
    'lab',
    '--ip=127.0.0.1',
    ...(port ? [`--port=${port}`] : []),
    '--no-browser',
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    `--ServerApp.root_dir=${root}`,
    ...(env.SHELL ? [] : ['--ServerApp.terminado_settings=shell_command=bash -l']),
    ...(open ? [open] : []),
  ];
}

/** Jupyter prints the server's base URL; the learner wants the first notebook, with the same token. */
export function notebookUrl(jupyterLine: string): string | undefined {
  const match = /(http:\/\/127\.0\.0\.1:\d+\/)lab\?token=([0-9a-f]+)/.exec(jupyterLine);
  return match ? `${match[1]}lab/tree/${FIRST_NOTEBOOK}?token=${match[2]}` : undefined;
}

/** Blocks until JupyterLab exits (Ctrl-C); the lab's servers keep running until `down`. */
export function serveJupyter(port: number | undefined, announce: (url: string) => void): Promise<number> {
  let announced = false;
  return runForeground(venvBin('jupyter'), jupyterArgs(port), {
    cwd: repoRoot,
    env: { FORCE_COLOR: '1' },
    onStderrLine: (line) => {
      const url = announced ? undefined : notebookUrl(line);
      if (url) {
        announced = true;
        announce(url);
      }
    },
  });
}
