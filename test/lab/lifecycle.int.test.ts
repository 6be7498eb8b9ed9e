// The lab CLI end to end, as a learner runs it, in state directories of its own so the shared
// integration lab is untouched: up, up again, status, a crash, down (one test, since each step needs the
// one before); and the bad inputs and faults, each starting from no lab.
import { execa } from 'execa';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { listenersOf, listeningOn } from '../../src/backends/listeners.js';
import { isAlive } from '../../src/processes.js';
import type { LabState } from '../../src/backends/state.js';
import { VERSIONS } from '../../src/binaries/versions.js';
import { freePort } from '../../src/ports.js';
import { labCli } from '../helpers.js';
import { processesMatching } from './leftovers.js';

const fakes = mkdtempSync(join(tmpdir(), 'lab-fakes-'));

function fake(name: string, script: string): string {
  const path = join(fakes, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}
// A docker CLI whose daemon is down, so the default backend is local even where Docker runs.
fake(
  'docker',
  'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1',
);

const lab = (stateDir: string, args: string[], env: Record<string, string> = {}) =>
  labCli(stateDir, args, { PATH: `${fakes}:${process.env.PATH}`, ...env });

/** A state directory of the test's own, stopped and removed when the test ends, whatever its outcome. */
function freshStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-lifecycle-'));
  onTestFinished(async () => {
    await lab(dir, ['down']);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

const readLabState = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as LabState;

afterAll(() => rmSync(fakes, { recursive: true, force: true }));

describe('lab CLI lifecycle on the local backend', () => {
  it('up, a second up, status, a crash, up again, down, and a second down', async () => {
    const stateDir = freshStateDir();

    // up starts every server on 127.0.0.1 only and writes .lab/env.
    const up = await lab(stateDir, ['up']);
    expect(up.exitCode, up.all).toBe(0);
    expect(up.all).toContain('The lab is up (backend: local)');
    expect(up.all).toContain('source ');
    const first = readLabState(stateDir);
    expect(first.processes.map((p) => p.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'vault']);
    const listeners = listenersOf(first.processes.map((p) => p.pid));
    expect(listeners.length).toBeGreaterThanOrEqual(4);
    expect(listeners.filter((l) => l.address !== '127.0.0.1')).toEqual([]);
    const shell = await execa(
      'bash',
      [
        '-c',
        `source ${join(stateDir, 'env')} && curl -sf --cacert "$KUBE_CA" "$KUBE_API/readyz" && curl -sf "$VAULT_ADDR/v1/sys/health"`,
      ],
      { reject: false },
    );
    expect(shell.exitCode, shell.stderr).toBe(0);
    expect(shell.stdout).toContain('ok');
    expect(shell.stdout).toContain('"sealed":false');

    // A second up says it is already running, exits 0 and keeps the same processes.
    const again = await lab(stateDir, ['up']);
    expect(again.exitCode, again.all).toBe(0);
    expect(again.all).toContain('already running');
    expect(readLabState(stateDir).processes.map((p) => p.pid)).toEqual(first.processes.map((p) => p.pid));

    // status exits 0 while everything runs, and non-zero naming a server that died.
    expect((await lab(stateDir, ['status'])).exitCode).toBe(0);
    const apiserver = first.processes.find((p) => p.name === 'kube-apiserver');
    if (!apiserver) throw new Error('state.json names no kube-apiserver');
    process.kill(apiserver.pid, 'SIGKILL');
    await vi.waitFor(() => expect(isAlive(apiserver.pid), 'the killed kube-apiserver').toBe(false), {
      timeout: 10_000,
      interval: 50,
    });
    const status = await lab(stateDir, ['status']);
    expect(status.exitCode).toBe(1);
    expect(status.all).toMatch(/✗ kube-apiserver/);

    // up after a crash cleans the stale state and starts again.
    const restart = await lab(stateDir, ['up']);
    expect(restart.exitCode, restart.all).toBe(0);
    expect(restart.all).toContain('stopped uncleanly');
    for (const p of first.processes) expect(isAlive(p.pid), `${p.name} from the crashed lab`).toBe(false);
    const second = readLabState(stateDir);

    // down stops every process, leaves no listener and removes the state; a second down is fine.
    const ports = second.processes.flatMap((p) => (p.port ? [p.port] : []));
    // Read from the machine's socket tables, whoever owns the socket: the servers listen there until down.
    expect(listeningOn(ports).sort()).toEqual([...ports].sort());
    const down = await lab(stateDir, ['down']);
    expect(down.exitCode, down.all).toBe(0);
    for (const p of second.processes) expect(isAlive(p.pid), p.name).toBe(false);
    expect(listeningOn(ports)).toEqual([]);
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    for (const port of ports) {
      const curl = await execa('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${port}/`], { reject: false });
      expect(curl.exitCode, `port ${port} still answers`).toBe(7);
    }
    const downAgain = await lab(stateDir, ['down']);
    expect(downAgain.exitCode).toBe(0);
    expect(downAgain.all).toContain('not running');
  });
});

describe('bad input and faults', () => {
  it('refuses an unknown backend in one line with the fix', async () => {
    const res = await lab(freshStateDir(), ['up', '--backend', 'minikube']);
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('ERROR: Unknown backend "minikube".');
    expect(res.all).toContain('Fix: use --backend kind');
  });

  it('refuses --backend kind without a Docker daemon', async () => {
    const res = await lab(freshStateDir(), ['up', '--backend', 'kind']);
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('--backend kind needs a running Docker daemon');
    expect(res.all).toContain('Fix: start Docker, or use --backend local');
  });

  it('refuses a port that is already taken, and starts nothing', async () => {
    const stateDir = freshStateDir();
    const port = await freePort();
    const server = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const res = await lab(stateDir, ['up', '--api-port', String(port)]);
      expect(res.exitCode).toBe(1);
      expect(res.all).toContain(`Port ${port} on 127.0.0.1 is already in use, so kube-apiserver cannot start there.`);
      expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('refuses a binary of the wrong version, naming the path and both versions', async () => {
    const stateDir = freshStateDir();
    const etcd = fake('etcd-old', 'echo "etcd Version: 3.4.30"; echo "Git SHA: unknown"');
    const res = await lab(stateDir, ['up'], { LAB_ETCD: etcd });
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain(etcd);
    expect(res.all).toContain('3.4.30');
    expect(res.all).toContain(VERSIONS.etcd.replace(/^v/, ''));
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
  });

  it('stops what it started when a server dies during up', async () => {
    const stateDir = freshStateDir();
    const kcm = fake(
      'kube-controller-manager-crashing',
      `case "$1" in --version) echo "Kubernetes ${VERSIONS['kube-controller-manager']}";; *) echo "simulated crash: cannot load config" >&2; exit 1;; esac`,
    );
    const res = await lab(stateDir, ['up'], { LAB_KUBE_CONTROLLER_MANAGER: kcm });
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('kube-controller-manager exited during start-up.');
    expect(res.all).toContain('simulated crash: cannot load config');
    expect(res.all).toContain('stopping what was started (etcd, kube-apiserver, kube-controller-manager, vault)');
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    // The same check finds a planted leftover (test/lab/leftovers.test.ts), so an empty answer means none.
    expect(await processesMatching(`--data-dir=${join(stateDir, 'etcd')}`), 'an etcd left running').toEqual([]);
  });
});
