// The Docker, Go and Python checks against fake executables on an isolated PATH: passing, and failing with the fix.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dockerCheck } from '../../../src/backends/kind/docker-check.js';
import { goCheck } from '../../../src/doctor/checks/go.js';
import { nodeCheck } from '../../../src/doctor/checks/node.js';
import { portsCheck } from '../../../src/doctor/checks/free-ports.js';
import { pythonCheck } from '../../../src/doctor/checks/python.js';
import { useIsolatedBins, writeFake } from '../../binaries/fixtures.js';

const bins = useIsolatedBins('LAB_PYTHON');

/** A fake command that prints to stderr and exits 1, as a broken tool does. */
async function writeFailing(dir: string, name: string, stderr: string): Promise<string> {
  const path = join(dir, name);
  const lines = stderr.split('\n').map((line) => `'${line.replaceAll("'", `'\\''`)}'`);
  await writeFile(path, `#!/bin/sh\nprintf '%s\\n' ${lines.join(' ')} >&2\nexit 1\n`, { mode: 0o755 });
  return path;
}

describe('docker check', () => {
  it('passes with the server version', async () => {
    await writeFake(bins.pathDir, 'docker', '28.3.2');
    expect(await dockerCheck.run()).toEqual({ ok: true, found: 'server 28.3.2' });
  });

  it('warns, without failing doctor, when docker is not on PATH', async () => {
    expect(await dockerCheck.run()).toMatchObject({
      ok: false,
      optional: true,
      found: 'not on PATH',
      advice: expect.stringContaining('the local backend needs no Docker'),
    });
  });

  it('says what docker answered when no daemon does', async () => {
    await writeFailing(
      bins.pathDir,
      'docker',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    );
    expect((await dockerCheck.run()).found).toBe(
      "Command exited with code 1: docker info --format '{{.ServerVersion}}' (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)",
    );
  });
});

describe('go check', () => {
  it('passes with the toolchain version', async () => {
    await writeFake(bins.pathDir, 'go', 'go version go1.26.0 linux/amd64');
    expect(await goCheck.run()).toEqual({ ok: true, found: 'go1.26.0 linux/amd64' });
  });

  it('warns when go is not on PATH, with where to get it', async () => {
    expect(await goCheck.run()).toMatchObject({
      ok: false,
      optional: true,
      found: 'not on PATH',
      advice: expect.stringContaining('https://go.dev/dl'),
    });
  });

  it('says why a go that is on PATH failed', async () => {
    await writeFailing(bins.pathDir, 'go', 'go: cannot find GOROOT directory: /usr/local/go');
    expect((await goCheck.run()).found).toBe(
      'Command exited with code 1: go version (go: cannot find GOROOT directory: /usr/local/go)',
    );
  });
});

describe('python check', () => {
  it('passes with the version the interpreter prints', async () => {
    vi.stubEnv('LAB_PYTHON', await writeFake(bins.dir, 'python3', '3.12.3'));
    expect(await pythonCheck.run()).toEqual({ ok: true, found: '3.12.3' });
  });

  it('fails without python3, with how to install it', async () => {
    expect(await pythonCheck.run()).toMatchObject({
      ok: false,
      found: 'not on PATH',
      advice: 'install Python 3.9+ (Debian: apt-get install python3-venv)',
    });
  });

  it('names the module a python3 without venv lacks, from the last line of its traceback', async () => {
    const python = await writeFailing(
      bins.dir,
      'python3',
      'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nModuleNotFoundError: No module named \'venv\'',
    );
    vi.stubEnv('LAB_PYTHON', python);
    expect((await pythonCheck.run()).found).toBe(
      `Command exited with code 1: ${python} -c 'import venv, sys; print(sys.version.split()[0])' (ModuleNotFoundError: No module named 'venv')`,
    );
  });
});

describe('node and ports checks', () => {
  it('pass on the Node.js running these tests and a loopback that takes listeners', async () => {
    expect(await nodeCheck.run()).toMatchObject({ ok: true, found: process.version });
    expect(await portsCheck.run()).toMatchObject({ ok: true });
  });
});
