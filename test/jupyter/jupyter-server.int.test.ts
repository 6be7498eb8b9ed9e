// The real JupyterLab from the venv, started the way `npm run lab` starts it: a clean start prints no stack
// trace or error, and the lab's own settings keep the "Jupyter news" question from popping up.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { jupyterArgs } from '../../src/jupyter/jupyter-server.js';
import { ensureVenv, venvBin } from '../../src/jupyter/venv.js';
import { repoRoot } from '../../src/paths.js';
import { poll } from '../../src/poll.js';
import { freePort } from '../../src/ports.js';

const SERVING = /http:\/\/127\.0\.0\.1:(\d+)\/lab\?token=([0-9a-f]+)/;

describe('JupyterLab on a clean start', () => {
  it('serves without a stack trace, an error line or the news question', async () => {
    await ensureVenv();
    const port = await freePort();
    const child = spawn(venvBin('jupyter'), jupyterArgs(port), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    try {
      // The port JupyterLab prints: it moves to the next one when another process took the free port first.
      const [served, token] = await new Promise<[string, string]>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = SERVING.exec(output);
          if (match?.[1] && match[2]) resolve([match[1], match[2]]);
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) =>
          reject(new Error(`JupyterLab exited with code ${code} before serving:\n${output}`)),
        );
        setTimeout(() => reject(new Error(`JupyterLab did not serve within 120 s:\n${output}`)), 120_000).unref();
      });
      // Jupyter Server prints its URL first and binds the port on its event loop's next turn, so the first
      // request may come too early: ask until it answers.
      const url = `http://127.0.0.1:${served}/lab/api/settings/@jupyterlab/apputils-extension:notification?token=${token}`;
      const settings = await poll(() => fetch(url).catch(() => undefined), {
        timeoutMs: 30_000,
        intervalMs: 100,
        timedOut: () =>
          new Error(`JupyterLab printed its URL but did not answer on port ${served} within 30 s:\n${output}`),
      });
      // JupyterLab applies the overrides file to the schema's defaults.
      const { schema } = (await settings.json()) as { schema: { properties: Record<string, { default?: unknown }> } };

      expect(output).not.toMatch(/Traceback|^\s+at .+:\d+:\d+\)?$|Fail to get yarn configuration/m);
      expect(output).not.toMatch(/^\[E /m);
      expect(schema.properties.fetchNews?.default).toBe('false');
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
  });
});
