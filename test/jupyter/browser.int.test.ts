// The learner's path in the real UI: JupyterLab from the venv, driven in headless Chromium as a learner
// drives it. The fast path is opened, a prediction filled in, every cell run, and the answer that a blank
// prediction keeps folded away opened; then notebook 03's task is done from a JupyterLab terminal, and its check
// turns ✓. Any error output in a notebook, and any error in the browser's console, fails the test. The notebooks
// are a copy, so JupyterLab's autosave never touches the committed ones.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../scripts/browser.mjs';
import { task } from '../../src/exercises/task-list.js';
import { ensureVenv } from '../../src/jupyter/venv.js';
import { NOTEBOOKS_DIR } from '../../src/lab/record.js';
import { practiceNotebooks, type PracticeNotebooks } from '../../src/lab/practice-notebooks.js';
import { runningLab } from '../../src/notebook/practice.js';
import { envPath } from '../../src/backends/state.js';
import { repeat } from '../../src/poll.js';
import { JupyterLabPage, PANEL, startJupyter } from './jupyterlab.js';

let copy: PracticeNotebooks;
let settings = '';
let jupyter: ChildProcess;
let browser: Browser;
let page: Page;
let ui: JupyterLabPage;
const consoleErrors: string[] = [];

beforeAll(async () => {
  await ensureVenv();
  await task('03-bind').reset(await runningLab());
  copy = practiceNotebooks(NOTEBOOKS_DIR, 'untouched');
  settings = mkdtempSync(join(tmpdir(), 'lab-browser-settings-'));
  const started = await startJupyter(dirname(copy.dir), settings);
  jupyter = started.child;
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
  ui = new JupyterLabPage(page, started.url, settings);
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
    await ui.openNotebook('00-fast-path.ipynb');
    await ui.typeInto('// Your prediction: which HTTP status', 'const FIRST_STATUS: number | undefined = 403;');
    await ui.runAll(300_000);
    const run = await ui.cells();
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
    await ui.openNotebook('03-tokenreview.ipynb');
    await ui.runAll(420_000);
    const before = await ui.cells();
    expect(before.filter((c) => c.error).map((c) => c.source.slice(0, 80))).toEqual([]);
    const check = before.findIndex((c) => c.source.includes("await check('03-bind')"));
    expect(before[check]?.output).toContain('✗ 03-bind');

    await ui.menu('File', 'New', 'Terminal');
    const terminal = await page.waitForSelector('.jp-Terminal .xterm-helper-textarea', { timeout: 60_000 });
    await terminal?.focus();
    await ui.untilShellReads();
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
    expect(done, `the terminal made no binding within 30 s; it shows:\n${await ui.terminalText()}`).toBe(true);

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
