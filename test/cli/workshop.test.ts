// `npm run lab -- workshop ...` as the host runs it, in a child process, for what it refuses before it
// touches any cluster, Vault or network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot } from '../../src/paths.js';

// In a directory of the host's own, so tsx is named by its path rather than found from the working directory.
const tsx = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const lab = (cwd: string, ...args: string[]) =>
  execa(process.execPath, ['--import', tsx, join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1' },
  });

describe('workshop kit', () => {
  it('refuses to write the kit among the env bundles, where handing it out would hand out every credential', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    const { exitCode, stderr } = await lab(cwd, 'workshop', 'kit', '--out', 'workshop/sub/kit.tar.gz');
    expect(exitCode).toBe(1);
    expect(stderr).toContain(
      "ERROR: --out workshop/sub/kit.tar.gz is inside workshop/, where the learners' env bundles are",
    );
    expect(stderr).toContain('Fix: write the kit elsewhere, e.g. --out auth-delegator-lab-kit.tar.gz');
    const custom = await lab(cwd, 'workshop', 'kit', '--dir', 'bundles', '--out', 'bundles');
    expect(custom.stderr).toContain('ERROR: --out bundles is inside bundles/');
  });
});
