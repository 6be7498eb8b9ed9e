#!/usr/bin/env node
// The headless browser of the browser tests: the dashboard's screenshot, and JupyterLab driven as a learner.
// `npm test` runs this first (through bootstrap.mjs): on a Debian machine where we are root it installs the
// `chromium` package when missing; elsewhere it says what to install. No dependencies, like bootstrap.mjs.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome'];

/** The first browser on PATH, or undefined. */
export function findBrowser() {
  return BROWSERS.find((name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0);
}

/** Installs Debian's chromium when it is missing and apt-get can; returns the browser's name or undefined. */
export function ensureBrowser() {
  const found = findBrowser();
  if (found) return found;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !apt) {
    console.error(
      ' ! No headless browser for the browser tests: install the `chromium` package (Debian: apt-get install chromium).',
    );
    return undefined;
  }
  console.error(' • Installing chromium for the browser tests (apt-get install chromium) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const status = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  }).status;
  if (status !== 0)
    console.error(
      'ERROR: `apt-get install chromium` failed (see above).\nFix: install the chromium package, then run the command again.',
    );
  return findBrowser();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(ensureBrowser() ? 0 : 1);
