import { describe, expect, it } from 'vitest';
import { jupyterArgs, notebookUrl } from '../../src/jupyter/jupyter-server.js';

describe('JupyterLab', () => {
  it('listens on 127.0.0.1 only, without a browser', () => {
    expect(jupyterArgs(8890)).toEqual(expect.arrayContaining(['lab', '--ip=127.0.0.1', '--port=8890', '--no-browser']));
  });

  it('serves the checkout and opens the first notebook, or serves a copy and opens nothing', () => {
    expect(jupyterArgs(8890).at(-1)).toBe('notebooks/00-start-here.ipynb');
    const copy = jupyterArgs(8890, '/tmp/copy', null);
    expect(copy).toContain('--ServerApp.root_dir=/tmp/copy');
    expect(copy.filter((a) => a.endsWith('.ipynb'))).toEqual([]);
  });

  it("gives its terminals bash where $SHELL is unset (Jupyter's sh has no `source`), and the learner's shell otherwise", () => {
    const override = '--ServerApp.terminado_settings=shell_command=bash -l';
    expect(jupyterArgs(8890, '/tmp/copy', null, {})).toContain(override);
    expect(jupyterArgs(8890, '/tmp/copy', null, { SHELL: '' })).toContain(override);
    expect(jupyterArgs(8890, '/tmp/copy', null, { SHELL: '/usr/bin/zsh' })).not.toContain(override);
  });

  it('turns the URL Jupyter prints into the first notebook, with the same token', () => {
    const line = '[I 2026-11-29 18:22:50.835 ServerApp] http://127.0.0.1:8888/lab?token=2ed4d5843';
    expect(notebookUrl(line)).toBe('http://127.0.0.1:8888/lab/tree/notebooks/00-start-here.ipynb?token=2ed4d5843');
    expect(notebookUrl('[I ServerApp] Serving notebooks from local directory')).toBeUndefined();
  });
});
