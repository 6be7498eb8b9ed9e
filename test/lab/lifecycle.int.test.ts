// The lab CLI end to end, as a learner runs it, in a state directory of its own so the shared
// integration lab is untouched: up, up again, status, a crash, down; and the bad inputs and faults.
import { execa } from 'execa';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listenersOf } from '../../src/backends/listeners.js';
import { isAlive } from '../../src/processes.js';
import type { LabState } from '../../src/backends/state.js';
import { repoRoot } from '../../src/paths.js';
import { freePort } from '../../src/ports.js';

const stateDir = mkdtempSync(join(tmpdir(), 'lab-lifecycle-'));
const fakes = mkdtempSync(join(tmpdir(), 'lab-fakes-'));

function fake(name: string, script: string): string {
  const path = join(fakes, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}
// A docker CLI whose daemon is down, so the default backend is local even where Docker runs.
fake('docker', 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1');

function lab(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    env: { LAB_STATE_DIR: stateDir, PATH: `${fakes}:${process.env.PATH}`, NO_COLOR: '1', ...env },
    reject: false,
    all: true,
  });
}

const readLabState = () => JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as LabState;

afterAll(async () => {
  await lab(['down']);
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(fakes, { recursive: true, force: true });
});

describe('lab CLI lifecycle on the local backend', () => {
  let first: LabState;

  it('up starts every server on 127.0.0.1 only and writes .lab/env', async () => {
    const started = Date.now();
    const res = await lab(['up']);
    expect(res.exitCode, res.all).toBe(0);
    expect(res.all).toContain('The lab is up (backend: local)');
    expect(res.all).toContain('source ');
    expect(Date.now() - started).toBeLessThan(60_000);
    first = readLabState();
    expect(first.processes.map((p) => p.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'vault']);
    const listeners = listenersOf(first.processes.map((p) => p.pid));
    expect(listeners.length).toBeGreaterThanOrEqual(4);
    expect(listeners.filter((l) => l.address !== '127.0.0.1')).toEqual([]);

    const shell = await execa('bash', ['-c', `source ${join(stateDir, 'env')} && curl -sf --cacert "$KUBE_CA" "$KUBE_API/readyz" && curl -sf "$VAULT_ADDR/v1/sys/health"`], { reject: false });
    expect(shell.exitCode, shell.stderr).toBe(0);
    expect(shell.stdout).toContain('ok');
    expect(shell.stdout).toContain('"sealed":false');
  });

  it('a second up says it is already running and exits 0', async () => {
    const res = await lab(['up']);
    expect(res.exitCode, res.all).toBe(0);
    expect(res.all).toContain('already running');
    expect(readLabState().processes.map((p) => p.pid)).toEqual(first.processes.map((p) => p.pid));
  });

  it('status exits 0 while everything runs, and non-zero naming a server that died', async () => {
    expect((await lab(['status'])).exitCode).toBe(0);
    const apiserver = first.processes.find((p) => p.name === 'kube-apiserver')!;
    process.kill(apiserver.pid, 'SIGKILL');
    while (isAlive(apiserver.pid)) await new Promise((r) => setTimeout(r, 50));
    const res = await lab(['status']);
    expect(res.exitCode).toBe(1);
    expect(res.all).toMatch(/✗ kube-apiserver/);
  });

  it('up after a crash cleans the stale state and starts again', async () => {
    const res = await lab(['up']);
    expect(res.exitCode, res.all).toBe(0);
    expect(res.all).toContain('stopped uncleanly');
    for (const p of first.processes) expect(isAlive(p.pid), `${p.name} from the crashed lab`).toBe(false);
    first = readLabState();
  });

  it('down stops every process, leaves no listener and removes the state; a second down is fine', async () => {
    const ports = first.processes.flatMap((p) => (p.port ? [p.port] : []));
    const res = await lab(['down']);
    expect(res.exitCode, res.all).toBe(0);
    for (const p of first.processes) expect(isAlive(p.pid), p.name).toBe(false);
    expect(listenersOf(first.processes.map((p) => p.pid))).toEqual([]);
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    for (const port of ports) {
      const curl = await execa('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${port}/`], { reject: false });
      expect(curl.exitCode, `port ${port} still answers`).toBe(7);
    }
    const again = await lab(['down']);
    expect(again.exitCode).toBe(0);
    expect(again.all).toContain('not running');
  });
});

describe('bad input and faults', () => {
  it('refuses an unknown backend in one line with the fix', async () => {
    const res = await lab(['up', '--backend', 'minikube']);
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('ERROR: Unknown backend "minikube".');
    expect(res.all).toContain('Fix: use --backend kind');
  });

  it('refuses --backend kind without a Docker daemon', async () => {
    const res = await lab(['up', '--backend', 'kind']);
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('--backend kind needs a running Docker daemon');
    expect(res.all).toContain('Fix: start Docker, or use --backend local');
  });

  it('refuses a port that is already taken, and starts nothing', async () => {
    const port = await freePort();
    const server = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const res = await lab(['up', '--api-port', String(port)]);
      expect(res.exitCode).toBe(1);
      expect(res.all).toContain(`Port ${port} on 127.0.0.1 is already in use, so kube-apiserver cannot start there.`);
      expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('refuses a binary of the wrong version, naming the path and both versions', async () => {
    const etcd = fake('etcd-old', 'echo "etcd Version: 3.4.30"; echo "Git SHA: unknown"');
    const res = await lab(['up'], { LAB_ETCD: etcd });
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain(etcd);
    expect(res.all).toContain('3.4.30');
    expect(res.all).toContain('3.6.8');
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
  });

  it('stops what it started when a server dies during up', async () => {
    const kcm = fake('kube-controller-manager-crashing', 'case "$1" in --version) echo "Kubernetes v1.36.3";; *) echo "simulated crash: cannot load config" >&2; exit 1;; esac');
    const res = await lab(['up'], { LAB_KUBE_CONTROLLER_MANAGER: kcm });
    expect(res.exitCode).toBe(1);
    expect(res.all).toContain('kube-controller-manager exited during start-up.');
    expect(res.all).toContain('simulated crash: cannot load config');
    expect(res.all).toContain('stopping what was started (etcd, kube-apiserver, kube-controller-manager)');
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    const etcdPids = (await execa('pgrep', ['-f', `--data-dir=${join(stateDir, 'etcd')}`], { reject: false })).stdout.trim();
    expect(etcdPids).toBe('');
  });
});
