// up's links to the lab's kubectl and vault, with fake binaries in an isolated cache.
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { VERSIONS } from '../../src/binaries/versions.js';
import { toolsDir } from '../../src/backends/state.js';
import { linkTerminalTools } from '../../src/lab/tools.js';
import type { Steps } from '../../src/output/steps.js';
import { useIsolatedBins, writeFake } from '../binaries/fixtures.js';

const bins = useIsolatedBins('LAB_KUBECTL', 'LAB_VAULT');

const quiet = () => {
  const warnings: string[] = [];
  return { warnings, progress: { warn: (m: string) => warnings.push(m) } as unknown as Steps };
};

it('links the cached kubectl and vault into .lab/bin, and warns about one of another version', async () => {
  vi.stubEnv('LAB_STATE_DIR', join(bins.dir, 'state'));
  const kubectl = await writeFake(bins.cacheBin, `kubectl-${VERSIONS.kubectl}`, `Client Version: ${VERSIONS.kubectl}`);
  await writeFake(bins.pathDir, 'vault', 'Vault v1.15.0');
  const { warnings, progress } = quiet();
  expect(await linkTerminalTools(progress)).toEqual(['kubectl']);
  expect(readlinkSync(join(toolsDir(), 'kubectl'))).toBe(kubectl);
  expect(warnings).toEqual([
    expect.stringMatching(/^vault v1\.21\.1 is not on the lab's PATH \(v1\.15\.0 at .*\): remove .* from PATH/),
  ]);
});
