// The dependency rule of .dependency-cruiser.cjs holds over src/, and a planted wrong import breaks it.
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot } from '../src/paths.js';

const DEPCRUISE = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs dependency-cruiser over src/ of a checkout, the way a reader would: depcruise --config .dependency-cruiser.cjs src */
// Asynchronous, so the test worker stays responsive while the cruiser runs.
function cruise(root: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src'],
      { cwd: root, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({
          status: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          output: `${stdout}${stderr}`,
        });
      },
    );
  });
}

/** A copy of the checkout's src/ and configuration in a temp folder, where an import can be planted safely. */
function scratchCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'lab-architecture-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'src'), join(root, 'src'), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json'])
    cpSync(join(repoRoot, file), join(root, file));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return root;
}

describe('dependencies run one way (cli → lab → systems → shared helpers)', () => {
  it('src/ has no import against the rule', async () => {
    const { status, output } = await cruise(repoRoot);
    expect(output).toContain('no dependency violations found');
    expect(status, output).toBe(0);
  }, 120_000);

  it.each([
    [
      'a system reaching up into the lab',
      'src/kube/kube-client.ts',
      "import '../lab/up.js';",
      'systems-below-lab: src/kube/kube-client.ts → src/lab/up.ts',
    ],
    [
      'a shared helper using a system',
      'src/http.ts',
      "import './backends/state.js';",
      'shared-uses-only-shared: src/http.ts → src/backends/state.ts',
    ],
    [
      'a system starting servers itself',
      'src/vault/dev-server.ts',
      "import '../backends/local/local-backend.js';",
      'only-the-lab-drives-backends: src/vault/dev-server.ts → src/backends/local/local-backend.ts',
    ],
    [
      'a backend taking from its sibling',
      'src/backends/kind/cluster.ts',
      "import '../local/control-plane.js';",
      'backends-are-peers: src/backends/kind/cluster.ts → src/backends/local/control-plane.ts',
    ],
    [
      'client-node loaded outside kube/',
      'src/lab/status.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nvoid KubeConfig;",
      'client-node-only-in-kube: src/lab/status.ts → ',
    ],
    [
      'an exercise driving a backend',
      'src/exercises/registry.ts',
      "import '../backends/registry.js';",
      'exercises-drive-no-backend: src/exercises/registry.ts → src/backends/registry.ts',
    ],
  ])(
    'fails on %s',
    async (_what, file, line, violation) => {
      const root = scratchCopy();
      appendFileSync(join(root, file), `\n${line}\n`);
      const { status, output } = await cruise(root);
      expect(output).toContain(violation);
      expect(status).not.toBe(0);
    },
    120_000,
  );
});
