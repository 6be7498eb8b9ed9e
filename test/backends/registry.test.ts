// Which backend `up` picks, against fake docker and kind executables on a PATH that holds nothing else.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseBackend } from '../../src/backends/registry.js';

const fixtures = fileURLToPath(new URL('../fixtures/bin', import.meta.url));
let bin: string;
const chosen = async (requested?: 'kind' | 'local') => (await chooseBackend(requested)).name;

/** A PATH with node (the fakes run on it) and the named fakes only. */
function pathWith(...fakes: string[]): void {
  for (const name of fakes) symlinkSync(join(fixtures, name), join(bin, name));
  vi.stubEnv('PATH', bin);
}

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'lab-up-path-'));
  symlinkSync(process.execPath, join(bin, 'node'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(bin, { recursive: true, force: true });
});

describe('chooseBackend', () => {
  it('picks kind when a Docker daemon answers and kind is on PATH, and local when asked', async () => {
    pathWith('docker', 'kind');
    await expect(chosen()).resolves.toBe('kind');
    await expect(chosen('local')).resolves.toBe('local');
  });

  it('falls back to local when the daemon does not answer, and refuses --backend kind in one line', async () => {
    pathWith('docker', 'kind');
    vi.stubEnv('FAKE_DOCKER_DOWN', '1');
    await expect(chosen()).resolves.toBe('local');
    await expect(chooseBackend('kind')).rejects.toThrow(
      '--backend kind needs a running Docker daemon, and `docker info` did not answer.',
    );
  });

  it('falls back to local without kind, and refuses --backend kind naming the install command', async () => {
    pathWith('docker');
    await expect(chosen()).resolves.toBe('local');
    await expect(chooseBackend('kind')).rejects.toThrow(
      /needs the kind CLI, and it is not on PATH[\s\S]*go install sigs\.k8s\.io\/kind@v/,
    );
  });
});
