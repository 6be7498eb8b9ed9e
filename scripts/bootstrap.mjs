#!/usr/bin/env node
// First thing `npm run lab` and `npm test` run, on a fresh clone with nothing installed:
// check Node, install npm dependencies when missing or stale, then hand over to the TypeScript CLI.
// No dependencies of its own, since it runs before there are any.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `ERROR: the lab needs Node.js 20.19 or newer; this is ${process.version}.\nFix: install Node.js 22 LTS (e.g. nvm install 22) and run the command again.`,
  );
  process.exit(1);
}

/** @param {string} file @param {string[]} args @param {Record<string, string>} [env] */
function run(file, args, env) {
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) {
    console.error(`ERROR: could not run ${file} ${args.join(' ')}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

// `install --from KIT`: everything comes from a workshop kit, checked against its SHA256SUMS before
// anything is installed, and nothing from the network.
const argv = process.argv.slice(2);
const from = argv[1] === 'install' ? argv.indexOf('--from') : -1;
if (from > 0) {
  const { installKit, removeKit, unpackAndVerify } = await import('./kit.mjs');
  let kit;
  let code = 1;
  try {
    kit = unpackAndVerify(argv[from + 1] ?? '');
    console.error(' ✓ Every file in the kit matches its SHA-256 in SHA256SUMS');
    const env = installKit(kit, root, run);
    code = run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'install'], env);
  } catch (error) {
    console.error(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (kit) removeKit(kit);
  }
  process.exit(code);
}

// npm writes node_modules/.package-lock.json on every install; older than package-lock.json means stale.
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error(' • Installing npm dependencies (npm ci) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const started = Date.now();
  if (run(npm, ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error(
      'ERROR: `npm ci` failed (see above).\nFix: check that the npm registry is reachable, then run the command again.',
    );
    process.exit(1);
  }
  // The CLI's install step prints and logs it with the other steps (src/lab/install.ts, NPM_CI_MS_VAR).
  process.env.LAB_NPM_CI_MS = String(Date.now() - started);
}

/** @param {string} dir @returns {number} the newest modification time of any file under dir */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const [mode, ...rest] = process.argv.slice(2);
// The tests also need a headless browser (the workshop dashboard's screenshot, JupyterLab driven as a learner).
if (mode === 'test') (await import('./browser.mjs')).ensureBrowser();
// `npm test` only needs everything installed; `npm run lab` passes its arguments on to the CLI.
const args = mode === 'test' ? ['install'] : rest;
// The compiled CLI in dist/ starts in a fraction of the time tsx takes to compile src/ on the fly, so it runs
// whenever it is newer than every file in src/ (the same test as distIsStale in src/lab/install.ts).
const compiled = join(root, 'dist', 'cli', 'main.js');
if (existsSync(compiled) && newestMtime(join(root, 'src')) <= statSync(compiled).mtimeMs) {
  // Loaded in this process, which saves starting a second Node; the CLI reads its arguments from argv.
  process.argv = [process.argv[0] ?? process.execPath, compiled, ...args];
  await import(pathToFileURL(compiled).href);
} else {
  // tsx's documented loader hook: node --import tsx runs the TypeScript sources directly.
  process.exit(run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args]));
}
