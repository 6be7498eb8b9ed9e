// What the CLI loads: `help`, `status` and `down` never load @kubernetes/client-node, which takes half a second
// or more to load. Only kube/ loads it, when a call first needs a cluster (.dependency-cruiser.cjs holds
// every other module to its types). A module hook records every import of client-node that the command resolves.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hook = join(dir, 'hook.mjs');
writeFileSync(
  hook,
  [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    "  if (specifier.startsWith('@kubernetes/client-node')) appendFileSync(process.env.LOADED_LOG, `${specifier}\\n`);",
    '  return next(specifier, context);',
    '}',
  ].join('\n'),
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
);

/**
 * Runs node with the hook on `args` in a state directory of its own, checks that it printed `shows` (so it
 * ran the command through), and returns what it resolved of client-node.
 */
async function clientNodeImports(args: string[], shows: string): Promise<string[]> {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const res = await execa(process.execPath, ['--import', 'tsx', '--import', register, ...args], {
    cwd: repoRoot,
    env: { LAB_STATE_DIR: join(dir, 'state'), LOADED_LOG: log, NO_COLOR: '1' },
    reject: false,
    all: true,
  });
  expect(res.all).toContain(shows);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const cli = join(repoRoot, 'src', 'cli', 'main.ts');

describe('the CLI starts without client-node', () => {
  it.each([
    ['help', 'Usage: npm run lab'],
    ['status', 'not started'],
    ['down', 'nothing to stop'],
  ])('`npm run lab -- %s` does not load it', async (command, shows) => {
    expect(await clientNodeImports([cli, command], shows)).toEqual([]);
  });

  it('the hook sees client-node when a call does load it (kube/ on first use)', async () => {
    const apis = JSON.stringify(pathToFileURL(join(repoRoot, 'src', 'kube', 'apis.ts')).href);
    const script = `const { loadClientNode } = await import(${apis}); await loadClientNode(); console.log('loaded');`;
    expect(await clientNodeImports(['--input-type=module', '-e', script], 'loaded')).toContain(
      '@kubernetes/client-node',
    );
  });
});
