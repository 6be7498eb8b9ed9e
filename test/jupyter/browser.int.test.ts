// The learner's path in the real UI: JupyterLab from the venv, driven in headless Chromium as a learner
// drives it. The fast path is opened, a prediction filled in, every cell run, and the answer that a blank
// prediction keeps folded away opened; then notebook 03's task is done from a JupyterLab terminal, and its check
// turns ✓. Any error output in a notebook, and any error in the browser's console, fails the test. The notebooks
// are a copy, so JupyterLab's autosave never touches the committed ones.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../scripts/browser.mjs';
import { task } from '../../src/exercises/task-list.js';
import { jupyterArgs } from '../../src/jupyter/jupyter-server.js';
import { ensureVenv, venvBin } from '../../src/jupyter/venv.js';
import { NOTEBOOKS_DIR } from '../../src/lab/record.js';
import { practiceNotebooks, type PracticeNotebooks } from '../../src/lab/practice-notebooks.js';
import { runningLab } from '../../src/notebook/practice.js';
import { envPath } from '../../src/backends/state.js';
import { poll, repeat } from '../../src/poll.js';
import { freePort } from '../../src/ports.js';

/** The notebook on screen: Lumino hides the other tabs' panels. */
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const SERVING = /http:\/\/127\.0\.0\.1:(\d+)\/lab\?token=([0-9a-f]+)/;

let copy: PracticeNotebooks;
let settings = '';
let jupyter: ChildProcess;
let base = '';
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** JupyterLab serving the copy's root, and the URL it printed (with its token, and %PATH% for the page). */
async function startJupyter(root: string, settings: string): Promise<{ child: ChildProcess; url: string }> {
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
  // Jupyter Server prints its URL a moment before it answers there: ask until it does.
  const settingsUrl = url.replace('/lab/%PATH%', '/lab/api/settings/@jupyterlab/notebook-extension:tracker');
  const put = () =>
    fetch(settingsUrl, { method: 'PUT', body: JSON.stringify({ raw: JSON.stringify({ windowingMode: 'none' }) }) });
  const answer = await poll(() => put().catch(() => undefined), {
    timeoutMs: 30_000,
    intervalMs: 100,
    timedOut: () => new Error(`JupyterLab printed its URL but did not answer within 30 s:\n${output}`),
  });
  if (!answer.ok) throw new Error(`JupyterLab refused the test's settings: ${answer.status} ${await answer.text()}`);
  return { child, url };
}

const at = (path: string) => base.replace('%PATH%', path);

/** Opens a notebook (the first by its URL, later ones from the file browser) and waits until its kernel is idle. */
async function openNotebook(name: string): Promise<void> {
  if (page.url().startsWith('http')) {
    const item = await page.waitForSelector(
      `::-p-xpath(//li[contains(@class,"jp-DirListing-item")][.//span[normalize-space(.)="${name}"]])`,
    );
    await item?.click({ count: 2 });
  } else {
    await page.goto(at(`tree/notebooks/${name}`), { waitUntil: 'domcontentloaded' });
  }
  await page.waitForFunction(
    `document.querySelector('${PANEL}')?.querySelector('.jp-CodeCell .cm-content')
    && document.querySelector('${PANEL} .jp-TitleBar, ${PANEL}') && [...document.querySelectorAll('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel')].some((t) => t.textContent === '${name}')`,
    { timeout: 120_000 },
  );
  // The server's record says when the notebook's own kernel runs; until then JupyterLab may ask for one.
  const { done } = await repeat(
    async () => {
      await pickKernel('TypeScript');
      return tslabIdle(name);
    },
    (idle) => idle,
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  if (!done) throw new Error(`${name} has no idle TypeScript kernel 180 s after it opened`);
  await page.waitForFunction(`document.querySelector('${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]')`, {
    timeout: 120_000,
  });
}

/** True when the Jupyter server has a session for the notebook whose kernel is tslab's TypeScript, and idle. */
async function tslabIdle(name: string): Promise<boolean> {
  type Session = { path: string; kernel?: { name: string; execution_state: string } };
  const sessions = (await (await fetch(base.replace('/lab/%PATH%', '/api/sessions'))).json()) as Session[];
  return sessions.some(
    (s) => s.path.endsWith(`/${name}`) && s.kernel?.name === 'tslab' && s.kernel.execution_state === 'idle',
  );
}

/**
 * JupyterLab asks which kernel to start when it could not start the notebook's own at once, which a busy machine
 * makes likely. A learner then picks TypeScript (the list preselects JavaScript, tslab's other kernel).
 */
async function pickKernel(label: string): Promise<void> {
  const select = await page.$('.jp-Dialog select');
  if (!select) return;
  type Options = { options: ArrayLike<{ text: string; value: string }> };
  const value = await select.evaluate(
    (s, text) => Array.from((s as unknown as Options).options).find((o) => o.text === text)?.value,
    label,
  );
  if (value === undefined) throw new Error(`JupyterLab's kernel dialog offers no ${label} kernel`);
  await select.select(value);
  await page.click('.jp-Dialog .jp-mod-accept');
  await page.waitForFunction(`!document.querySelector('.jp-Dialog')`, { timeout: 30_000 });
}

/** The text of each code cell's source and of its outputs, in order, and whether an output is an error. */
function cells(): Promise<Array<{ source: string; output: string; prompt: string; error: boolean }>> {
  return page.$$eval(`${PANEL} .jp-CodeCell`, (nodes) =>
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
async function typeInto(marker: string, source: string): Promise<void> {
  const editors = `[...document.querySelectorAll('${PANEL} .jp-CodeCell .cm-content')]`;
  // JupyterLab makes each cell's editor a moment after the notebook shows (found: the cell's index plus one).
  const found = await page.waitForFunction(
    `${editors}.findIndex((e) => e.textContent.startsWith(${JSON.stringify(marker)})) + 1`,
    { timeout: 60_000 },
  );
  const index = Number(await found.jsonValue()) - 1;
  // An editor laid out again while the notebook settles cannot take the click: try again until the cell says it.
  const { done } = await repeat(
    async () => {
      const editor = (await page.$$(`${PANEL} .jp-CodeCell .cm-content`))[index];
      const clicked = await editor?.click().then(
        () => true,
        () => false,
      );
      if (!clicked) return false;
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.type(source);
      await page.keyboard.press('Escape');
      return (await page.evaluate(`${editors}[${index}]?.textContent`)) === source;
    },
    (typed) => typed,
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  if (!done) throw new Error(`the cell that starts with ${marker} did not take the text typed into it`);
}

/** A menu command, clicked through the menu bar as a learner clicks it. */
async function menu(top: string, ...path: string[]): Promise<void> {
  const items = await page.$$('.lm-MenuBar-item');
  for (const item of items) {
    if ((await item.evaluate((e) => e.textContent?.trim())) === top) {
      await item.click();
      break;
    }
  }
  for (const label of path) {
    const entry = await page.waitForSelector(
      `::-p-xpath(//li[contains(@class,"lm-Menu-item")][.//div[contains(@class,"lm-Menu-itemLabel") and normalize-space(.)="${label}"]])`,
      { visible: true },
    );
    await entry?.click();
  }
}

/** Runs every cell, as the Run menu does, and waits until none is queued or running any more. */
async function runAll(timeout: number): Promise<void> {
  const prompts = `[...document.querySelectorAll('${PANEL} .jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent)`;
  await menu('Run', 'Run All Cells');
  // JupyterLab marks every queued cell [*] at once; after an error it stops, and the rest go back to [ ].
  await page.waitForFunction(`${prompts}.some((p) => p.includes('[*]'))`, { timeout: 30_000 });
  await page.waitForFunction(`!${prompts}.some((p) => p.includes('[*]'))`, { timeout, polling: 500 });
}

/**
 * Waits until the focused terminal's shell runs what is typed: keys typed before its websocket connects go nowhere,
 * which a busy machine makes likely. Touching a file is harmless to repeat, and its file says the shell ran it.
 */
async function untilShellReads(): Promise<void> {
  const marker = join(settings, 'shell-reads');
  const { done } = await repeat(
    async () => {
      await page.keyboard.type(`touch ${marker}\n`);
      await new Promise((r) => setTimeout(r, 1000));
      return existsSync(marker);
    },
    (ran) => ran,
    { timeoutMs: 90_000, intervalMs: 0 },
  );
  if (!done) throw new Error('the JupyterLab terminal ran nothing typed into it within 90 s');
}

beforeAll(async () => {
  await ensureVenv();
  await task('03-bind').reset(await runningLab());
  copy = practiceNotebooks(NOTEBOOKS_DIR, 'untouched');
  settings = mkdtempSync(join(tmpdir(), 'lab-browser-settings-'));
  const started = await startJupyter(dirname(copy.dir), settings);
  jupyter = started.child;
  base = started.url;
  const name = findBrowser();
  if (!name) throw new Error('no headless browser: scripts/browser.mjs installs chromium');
  const executablePath = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,1000'],
    defaultViewport: { width: 1400, height: 1000 },
  });
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (jupyter && jupyter.exitCode === null) {
    jupyter.kill('SIGTERM');
    await once(jupyter, 'exit');
  }
  copy?.remove();
  if (settings) rmSync(settings, { recursive: true, force: true });
  await task('03-bind').reset(await runningLab());
});

describe('the learner path in JupyterLab', () => {
  it('the fast path: a prediction filled in, every cell run, the 403 and the 201, the answer revealed', async () => {
    await openNotebook('00-fast-path.ipynb');
    await typeInto('// Your prediction: which HTTP status', 'const FIRST_STATUS: number | undefined = 403;');
    await runAll(300_000);
    const run = await cells();
    expect(run.filter((c) => c.error).map((c) => c.source.slice(0, 80))).toEqual([]);
    const prediction = run.findIndex((c) => c.source.includes('predicted(FIRST_STATUS'));
    expect(run[prediction]?.output).toContain('You predicted 403, and the server said 403. Right.');
    const full = run[prediction + 1];
    expect(full?.source).toContain("the server's answer in full");
    expect(full?.output).toMatch(/HTTP\/[\d.]+ 403/);
    expect(run.some((c) => /HTTP\/[\d.]+ 201/.test(c.output))).toBe(true);
    expect(run.some((c) => /service_account_name/.test(c.output))).toBe(true);

    // The Vault prediction left blank: a nudge, and the answer folded away until the learner opens it.
    const blank = run.findIndex((c) => c.source.includes('predicted(VAULT_SAYS'));
    expect(run[blank]?.output).toContain('No prediction yet.');
    const cellOf = (k: number) =>
      `document.querySelectorAll('${PANEL} .jp-CodeCell')[${k}].querySelector('.jp-OutputArea details')`;
    expect(await page.evaluate(`${cellOf(blank)}.open`)).toBe(false);
    await page.evaluate(`${cellOf(blank)}.querySelector('summary').scrollIntoView()`);
    const summary = (await page.evaluateHandle(`${cellOf(blank)}.querySelector('summary')`)).asElement();
    await summary?.click();
    expect(await page.evaluate(`${cellOf(blank)}.open`)).toBe(true);
    expect(await page.evaluate(`${cellOf(blank)}.innerText`)).toContain('The server said "permission denied"');
    expect(consoleErrors).toEqual([]);
  }, 420_000);

  it("notebook 03's task, done from a JupyterLab terminal: its check turns from ✗ to ✓", async () => {
    await openNotebook('03-tokenreview.ipynb');
    await runAll(420_000);
    const before = await cells();
    expect(before.filter((c) => c.error).map((c) => c.source.slice(0, 80))).toEqual([]);
    const check = before.findIndex((c) => c.source.includes("await check('03-bind')"));
    expect(before[check]?.output).toContain('✗ 03-bind');

    await menu('File', 'New', 'Terminal');
    const terminal = await page.waitForSelector('.jp-Terminal .xterm-helper-textarea', { timeout: 60_000 });
    await terminal?.focus();
    await untilShellReads();
    await page.keyboard.type(
      `source ${envPath()} && kubectl create clusterrolebinding lab-review-worker-auth-delegator ` +
        '--clusterrole=system:auth-delegator --serviceaccount=lab-review:worker\n',
    );
    const lab = await runningLab();
    const { done } = await repeat(
      async () => (await lab.kube.bindingsTo('system:auth-delegator')).map((b) => b.name),
      (names) => names.includes('lab-review-worker-auth-delegator'),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(done, 'the terminal made the binding').toBe(true);

    const tab = await page.waitForSelector(
      `::-p-xpath(//li[contains(@class,"lm-TabBar-tab")][.//div[contains(@class,"lm-TabBar-tabLabel") and normalize-space(.)="03-tokenreview.ipynb"]])`,
    );
    await tab?.click();
    const editors = await page.$$(`${PANEL} .jp-CodeCell .cm-content`);
    await editors[check]?.click();
    await page.keyboard.down('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Shift');
    await page.waitForFunction(
      `document.querySelectorAll('${PANEL} .jp-CodeCell')[${check}]
        .querySelector('.jp-OutputArea').textContent.includes('✓ 03-bind')`,
      { timeout: 60_000, polling: 500 },
    );
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
