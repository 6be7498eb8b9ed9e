// `down` with a corrupt .lab/state.json, against real processes: it must stop the lab's own servers, found by
// their pid files and by command lines naming the state directory, leave every other process alone, then remove .lab/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { freePort, isPortFree } from '../../src/ports.js';
import { down } from '../../src/lab/down.js';
import { envFile, readState, statePath } from '../../src/backends/state.js';
import { isAlive, launch } from '../../src/processes.js';
import { startDaemon } from '../../src/exec.js';
import { LabError } from '../../src/errors.js';

// The lab's state directory is read from LAB_STATE_DIR each time it is needed, so pointing it here is enough.
const root = mkdtempSync(join(tmpdir(), 'lab-down-'));
const stateDir = join(root, '.lab');

beforeAll(() => {
  const before = process.env.LAB_STATE_DIR;
  process.env.LAB_STATE_DIR = stateDir;
  return () => {
    if (before === undefined) delete process.env.LAB_STATE_DIR;
    else process.env.LAB_STATE_DIR = before;
    rmSync(root, { recursive: true, force: true });
  };
});

/** A stand-in server: node itself, under a server binary's name, so its command line looks like the real one. */
function fakeServer(name: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  const path = join(bin, name);
  if (!existsSync(path)) symlinkSync(process.execPath, path);
  return path;
}
// '--' ends node's own options, so the flags after it reach the script as a server's flags would.
const IDLE = ['-e', 'setInterval(() => undefined, 1000)', '--'];

function writeCorruptState(): void {
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  writeFileSync(join(stateDir, 'state.json'), '{"backend": "local", "processes": [');
}

function killLater(pid: number): void {
  onTestFinished(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already stopped */
    }
  });
}

describe('a corrupt .lab/state.json', () => {
  it('is an error that names the file and the fix, not "no lab"', () => {
    writeCorruptState();
    onTestFinished(() => rmSync(stateDir, { recursive: true, force: true }));
    let error: unknown;
    try {
      readState();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toContain(`${statePath()} cannot be read`);
    expect((error as LabError).fix).toBe(
      "run `npm run lab -- down` (it stops the lab's processes without the file), then `npm run lab -- up`",
    );
  });

  it("still lets down stop the lab's own processes, and only them, before it removes .lab/", async () => {
    writeCorruptState();
    onTestFinished(() => rmSync(stateDir, { recursive: true, force: true }));
    // Started by `launch`, which records a pid file.
    const vault = launch('vault', fakeServer('vault'), IDLE, join(stateDir, 'logs', 'vault.log'));
    killLater(vault.pid);
    // Started without a pid file, as by an older lab: found by its command line, which names the state directory.
    const etcd = startDaemon(fakeServer('etcd-v3.6.8'), [...IDLE, `--data-dir=${join(stateDir, 'etcd')}`], {
      logFile: join(stateDir, 'logs', 'etcd.log'),
    });
    killLater(etcd);
    // Started by an older lab, with no pid file and no path in its flags (as `vault server -dev`): found by the port .lab/env records.
    const port = await freePort();
    // Written by the lab's own envFile(), so the test reads .lab/env exactly as `up` writes it.
    const env = envFile({
      backend: 'local',
      startedAt: '',
      kubeconfig: '',
      kubeServer: '',
      kubeCaFile: '',
      processes: [],
      vault: { addr: `http://127.0.0.1:${port}`, token: 'root', logFile: '', auditFile: '' },
    });
    writeFileSync(join(stateDir, 'env'), env);
    const oldVault = startDaemon(
      fakeServer('vault-v1.21.4'),
      ['-e', `require('node:net').createServer().listen(${port}, '127.0.0.1')`],
      { logFile: join(stateDir, 'logs', 'old-vault.log') },
    );
    killLater(oldVault);
    // Someone else's process that also names the state directory, e.g. a learner's `tail -f`: never touched.
    const bystander = spawn(fakeServer('tail'), [...IDLE, join(stateDir, 'logs', 'etcd.log')], { stdio: 'ignore' });
    killLater(bystander.pid!);
    await sleep(300);

    // The old vault must listen before down looks for it by that port.
    await vi.waitFor(async () => expect(await isPortFree(port)).toBe(false), { timeout: 10_000, interval: 50 });
    const { stopped, warning } = await down();

    expect(isAlive(vault.pid)).toBe(false);
    expect(isAlive(etcd)).toBe(false);
    expect(isAlive(oldVault)).toBe(false);
    expect(isAlive(bystander.pid!)).toBe(true);
    expect(stopped.sort()).toEqual([
      `etcd-v3.6.8 (pid ${etcd})`,
      `vault (pid ${vault.pid})`,
      `vault-v1.21.4 (pid ${oldVault})`,
    ]);
    expect(warning).toContain(`${statePath()} cannot be read`);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('deletes the kind cluster when the lab wrote its kubeconfig, with the fake kind on PATH', async () => {
    writeCorruptState();
    onTestFinished(() => rmSync(stateDir, { recursive: true, force: true }));
    writeFileSync(join(stateDir, 'kind-kubeconfig'), 'apiVersion: v1\n');
    const argvLog = join(root, 'kind-argv.log');
    vi.stubEnv(
      'PATH',
      `${fileURLToPath(new URL('../fixtures/bin', import.meta.url))}${delimiter}${process.env.PATH ?? ''}`,
    );
    vi.stubEnv('FAKE_KIND_ARGV_LOG', argvLog);
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'auth-delegator-lab');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });

    const { stopped } = await down();

    expect(stopped).toEqual(['kind cluster auth-delegator-lab']);
    const calls = readFileSync(argvLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
    expect(calls).toContainEqual(['delete', 'cluster', '--name', 'auth-delegator-lab']);
    expect(existsSync(stateDir)).toBe(false);
  });
  it('with no state.json but the marker `up` writes before kind runs, deletes that cluster and the network the lab made', async () => {
    mkdirSync(stateDir, { recursive: true });
    onTestFinished(() => rmSync(stateDir, { recursive: true, force: true }));
    writeFileSync(join(stateDir, 'kind-cluster.json'), JSON.stringify({ cluster: 'lab-halfway', network: 'kind' }));
    const argvLog = join(root, 'kind-argv-marker.log');
    const dockerLog = join(root, 'docker-argv-marker.log');
    vi.stubEnv(
      'PATH',
      `${fileURLToPath(new URL('../fixtures/bin', import.meta.url))}${delimiter}${process.env.PATH ?? ''}`,
    );
    vi.stubEnv('FAKE_KIND_ARGV_LOG', argvLog);
    vi.stubEnv('FAKE_KIND_CLUSTERS', 'lab-halfway');
    vi.stubEnv('FAKE_DOCKER_ARGV_LOG', dockerLog);
    vi.stubEnv('FAKE_DOCKER_NETWORKS', 'kind');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });

    const { stopped } = await down();

    expect(stopped).toEqual(['kind cluster lab-halfway']);
    const lines = (file: string) =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
    expect(lines(argvLog)).toContainEqual(['delete', 'cluster', '--name', 'lab-halfway']);
    expect(lines(dockerLog)).toContainEqual(['network', 'rm', 'kind']);
    expect(existsSync(stateDir)).toBe(false);
  });
});
