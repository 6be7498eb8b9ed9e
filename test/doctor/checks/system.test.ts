// The Docker, Go and Python checks against fake executables on an isolated PATH: passing, and failing with the fix.
import { describe, expect, it, vi } from 'vitest';
import { dockerCheck } from '../../../src/doctor/checks/docker.js';
import { goCheck } from '../../../src/doctor/checks/go.js';
import { nodeCheck } from '../../../src/doctor/checks/node.js';
import { portsCheck } from '../../../src/doctor/checks/ports.js';
import { pythonCheck } from '../../../src/doctor/checks/python.js';
import { useIsolatedBins, writeFake } from '../../binaries/fixtures.js';

const bins = useIsolatedBins('LAB_PYTHON');

describe('docker check', () => {
  it('passes with the server version', async () => {
    await writeFake(bins.pathDir, 'docker', '28.3.2');
    expect(await dockerCheck.run()).toEqual({ ok: true, found: 'server 28.3.2' });
  });

  it('warns, without failing doctor, when no daemon answers', async () => {
    expect(await dockerCheck.run()).toMatchObject({ ok: false, optional: true, advice: expect.stringContaining('the local backend needs no Docker') });
  });
});

describe('go check', () => {
  it('passes with the toolchain version', async () => {
    await writeFake(bins.pathDir, 'go', 'go version go1.26.0 linux/amd64');
    expect(await goCheck.run()).toEqual({ ok: true, found: 'go1.26.0 linux/amd64' });
  });

  it('warns when go is not on PATH, with where to get it', async () => {
    expect(await goCheck.run()).toMatchObject({ ok: false, optional: true, found: 'not on PATH', advice: expect.stringContaining('https://go.dev/dl') });
  });
});

describe('python check', () => {
  it('passes with the version the interpreter prints', async () => {
    vi.stubEnv('LAB_PYTHON', await writeFake(bins.dir, 'python3', '3.12.3'));
    expect(await pythonCheck.run()).toEqual({ ok: true, found: '3.12.3' });
  });

  it('fails without python3, with how to install it', async () => {
    expect(await pythonCheck.run()).toMatchObject({ ok: false, advice: 'install Python 3.9+ (Debian: apt-get install python3-venv)' });
  });
});

describe('node and ports checks', () => {
  it('pass on the Node.js running these tests and a loopback that takes listeners', async () => {
    expect(await nodeCheck.run()).toMatchObject({ ok: true, found: process.version });
    expect(await portsCheck.run()).toMatchObject({ ok: true });
  });
});
