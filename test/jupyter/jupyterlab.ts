// JupyterLab from the venv, served for a test and driven in headless Chromium the way a learner drives it: open a
// notebook, type into a cell, click through the menus, run every cell, type into a terminal. Each step waits for what
// a busy machine delays, and says what it waited for when it gives up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { jupyterArgs } from '../../src/jupyter/jupyter-server.js';
import { venvBin } from '../../src/jupyter/venv.js';
import { poll, repeat } from '../../src/poll.js';
import { freePort } from '../../src/ports.js';

/** The notebook on screen: Lumino hides the other tabs' panels. */
export const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const SERVING = /http:\/\/127\.0\.0\.1:(\d+)\/lab\?token=([0-9a-f]+)/;

/** JupyterLab serving `root`, and the URL it printed (with its token, and %PATH% for the page). */
export async function startJupyter(root: string, settings: string): Promise<{ child: ChildProcess; url: string }> {
  // Settings and workspaces of its own: every cell rendered (no windowing), no tab restored from another run, and
  // the learner's own settings untouched.
  const child = spawn(venvBin('jupyter'), jupyterArgs(await freePort(), root, null), {
    cwd: root,
    env: { ...process.env, JUPYTERLAB_SETTINGS_DIR: settings, JUPYTERLAB_WORKSPACES_DIR: settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = SERVING.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}/lab/%PATH%?token=${match[2]}`);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`JupyterLab exited with code ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`JupyterLab did not serve within 120 s:\n${output}`)), 120_000).unref();
  });
  // Jupyter Server prints its URL a moment before it answers there: ask until it does. Every cell rendered, and
  // the terminal's screen readable as text (xterm draws it on a canvas otherwise).
  const settingsOf = (plugin: string) => url.replace('/lab/%PATH%', `/lab/api/settings/@jupyterlab/${plugin}`);
  const put = (plugin: string, value: object) =>
    fetch(settingsOf(plugin), { method: 'PUT', body: JSON.stringify({ raw: JSON.stringify(value) }) });
  const first = await poll(() => put('notebook-extension:tracker', { windowingMode: 'none' }).catch(() => undefined), {
    timeoutMs: 30_000,
    intervalMs: 100,
    timedOut: () => new Error(`JupyterLab printed its URL but did not answer within 30 s:\n${output}`),
  });
  for (const answer of [first, await put('terminal-extension:plugin', { screenReaderMode: true })]) {
    if (!answer.ok) throw new Error(`JupyterLab refused the test's settings: ${answer.status} ${await answer.text()}`);
  }
  return { child, url };
}

/** One browser page on a JupyterLab that startJupyter served; `scratch` is a directory the page may write to. */
export class JupyterLabPage {
  constructor(
    readonly page: Page,
    private readonly base: string,
    private readonly scratch: string,
  ) {}

  /** A page of this JupyterLab: `tree/notebooks/NAME` opens a notebook. */
  at(path: string): string {
    return this.base.replace('%PATH%', path);
  }

  /** Opens a notebook (the first by its URL, later ones from the file browser) and waits until its kernel is idle. */
  async openNotebook(name: string): Promise<void> {
    if (this.page.url().startsWith('http')) {
      const item = await this.page.waitForSelector(
        `::-p-xpath(//li[contains(@class,"jp-DirListing-item")][.//span[normalize-space(.)="${name}"]])`,
      );
      await item?.click({ count: 2 });
    } else {
      await this.page.goto(this.at(`tree/notebooks/${name}`), { waitUntil: 'domcontentloaded' });
    }
    await this.page.waitForFunction(
      `document.querySelector('${PANEL}')?.querySelector('.jp-CodeCell .cm-content')
      && document.querySelector('${PANEL} .jp-TitleBar, ${PANEL}') && [...document.querySelectorAll('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel')].some((t) => t.textContent === '${name}')`,
      { timeout: 120_000 },
    );
    // The server's record says when the notebook's own kernel runs; until then JupyterLab may ask for one.
    const { done } = await repeat(
      async () => {
        await this.pickKernel('TypeScript');
        return this.tslabIdle(name);
      },
      (idle) => idle,
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    if (!done) throw new Error(`${name} has no idle TypeScript kernel 180 s after it opened`);
    await this.page.waitForFunction(
      `document.querySelector('${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]')`,
      {
        timeout: 120_000,
      },
    );
  }

  /** True when the Jupyter server has a session for the notebook whose kernel is tslab's TypeScript, and idle. */
  private async tslabIdle(name: string): Promise<boolean> {
    type Session = { path: string; kernel?: { name: string; execution_state: string } };
    const sessions = (await (await fetch(this.base.replace('/lab/%PATH%', '/api/sessions'))).json()) as Session[];
    return sessions.some(
      (s) => s.path.endsWith(`/${name}`) && s.kernel?.name === 'tslab' && s.kernel.execution_state === 'idle',
    );
  }

  /**
   * JupyterLab asks which kernel to start when it could not start the notebook's own at once, which a busy machine
   * makes likely. A learner then picks TypeScript (the list preselects JavaScript, tslab's other kernel).
   */
  private async pickKernel(label: string): Promise<void> {
    const select = await this.page.$('.jp-Dialog select');
    if (!select) return;
    type Options = { options: ArrayLike<{ text: string; value: string }> };
    const value = await select.evaluate(
      (s, text) => Array.from((s as unknown as Options).options).find((o) => o.text === text)?.value,
      label,
    );
    if (value === undefined) throw new Error(`JupyterLab's kernel dialog offers no ${label} kernel`);
    await select.select(value);
    await this.page.click('.jp-Dialog .jp-mod-accept');
    await this.page.waitForFunction(`!document.querySelector('.jp-Dialog')`, { timeout: 30_000 });
  }

  /** The text of each code cell's source and of its outputs, in order, and whether an output is an error. */
  cells(): Promise<Array<{ source: string; output: string; prompt: string; error: boolean }>> {
    return this.page.$$eval(`${PANEL} .jp-CodeCell`, (nodes) =>
      nodes.map((n) => ({
        source: n.querySelector('.jp-InputArea-editor')?.textContent ?? '',
        output: n.querySelector('.jp-OutputArea')?.textContent ?? '',
        prompt: n.querySelector('.jp-InputPrompt')?.textContent ?? '',
        error: Boolean(
          n.querySelector(
            '[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type="application/vnd.jupyter.error"]',
          ),
        ),
      })),
    );
  }

  /** Replaces the source of the code cell whose text starts with `marker` (one line), typing as a learner does. */
  async typeInto(marker: string, source: string): Promise<void> {
    const editors = `[...document.querySelectorAll('${PANEL} .jp-CodeCell .cm-content')]`;
    // JupyterLab makes each cell's editor a moment after the notebook shows (found: the cell's index plus one).
    const found = await this.page.waitForFunction(
      `${editors}.findIndex((e) => e.textContent.startsWith(${JSON.stringify(marker)})) + 1`,
      { timeout: 60_000 },
    );
    const index = Number(await found.jsonValue()) - 1;
    // An editor laid out again while the notebook settles cannot take the click: try again until the cell says it.
    const { done } = await repeat(
      async () => {
        const editor = (await this.page.$$(`${PANEL} .jp-CodeCell .cm-content`))[index];
        const clicked = await editor?.click().then(
          () => true,
          () => false,
        );
        if (!clicked) return false;
        await this.page.keyboard.down('Control');
        await this.page.keyboard.press('a');
        await this.page.keyboard.up('Control');
        await this.page.keyboard.type(source);
        await this.page.keyboard.press('Escape');
        return (await this.page.evaluate(`${editors}[${index}]?.textContent`)) === source;
      },
      (typed) => typed,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    if (!done) throw new Error(`the cell that starts with ${marker} did not take the text typed into it`);
  }

  /** A menu command, clicked through the menu bar as a learner clicks it. */
  async menu(top: string, ...path: string[]): Promise<void> {
    const items = await this.page.$$('.lm-MenuBar-item');
    for (const item of items) {
      if ((await item.evaluate((e) => e.textContent?.trim())) === top) {
        await item.click();
        break;
      }
    }
    for (const label of path) {
      const entry = await this.page.waitForSelector(
        `::-p-xpath(//li[contains(@class,"lm-Menu-item")][.//div[contains(@class,"lm-Menu-itemLabel") and normalize-space(.)="${label}"]])`,
        { visible: true },
      );
      await entry?.click();
    }
  }

  /** Runs every cell, as the Run menu does, and waits until none is queued or running any more. */
  async runAll(timeout: number): Promise<void> {
    const prompts = `[...document.querySelectorAll('${PANEL} .jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent)`;
    await this.menu('Run', 'Run All Cells');
    // JupyterLab marks every queued cell [*] at once; after an error it stops, and the rest go back to [ ].
    await this.page.waitForFunction(`${prompts}.some((p) => p.includes('[*]'))`, { timeout: 30_000 });
    await this.page.waitForFunction(`!${prompts}.some((p) => p.includes('[*]'))`, { timeout, polling: 500 });
  }

  /** What the terminal on screen shows, line by line (its screen reader's copy), for a failure to quote. */
  terminalText(): Promise<string> {
    return this.page.evaluate(
      `[...document.querySelectorAll('.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div')]
        .map((row) => row.textContent.trimEnd()).filter(Boolean).join('\\n')`,
    ) as Promise<string>;
  }

  /**
   * Waits until the focused terminal's shell runs what is typed: keys typed before its websocket connects go nowhere,
   * which a busy machine makes likely. Touching a file is harmless to repeat, and its file says the shell ran it.
   */
  async untilShellReads(): Promise<void> {
    const marker = join(this.scratch, 'shell-reads');
    const { done } = await repeat(
      async () => {
        await this.page.keyboard.type(`touch ${marker}\n`);
        await new Promise((r) => setTimeout(r, 1000));
        return existsSync(marker);
      },
      (ran) => ran,
      { timeoutMs: 90_000, intervalMs: 0 },
    );
    if (!done) throw new Error('the JupyterLab terminal ran nothing typed into it within 90 s');
  }
}
