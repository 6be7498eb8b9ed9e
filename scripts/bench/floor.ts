// The floor for `lab up`: etcd and kube-apiserver started by hand with the lab's own flags until /readyz
// answers, and `vault server -dev` beside them until /v1/sys/health answers. Nothing else: no version checks,
// no certificate generation (made before the clock starts), no controller manager.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { etcdArgs, apiServerArgs } from '../../src/backends/local/flags.js';
import { ensureBinary } from '../../src/binaries/binaries.js';
import { startDaemon } from '../../src/exec.js';
import { rawRequest, request } from '../../src/http.js';
import { writePki } from '../../src/pki/files.js';
import { generatePki } from '../../src/pki/pki.js';
import { repeat } from '../../src/poll.js';
import { LOOPBACK, freePort, freePortPair } from '../../src/ports.js';
import { stop, type ManagedProcess } from '../../src/processes.js';
import { vaultDevArgs } from '../../src/vault/dev-server.js';
import { timed } from './stats.js';

/** Asks every 10 ms until the probe answers true; a refused connection counts as "not yet". */
async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const attempt = () => ready().catch(() => false);
  const { done } = await repeat(attempt, Boolean, { timeoutMs: 90_000, intervalMs: 10 });
  if (!done) throw new Error(`the floor's ${what} never became ready`);
}

/**
 * Starts the bare servers once and returns the milliseconds until all of them answered; every server is
 * stopped before it returns (`onStarted` hears of each, for a test to check).
 */
export async function bareStart(onStarted: (proc: ManagedProcess) => void = () => undefined): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-floor-'));
  const started: ManagedProcess[] = [];
  try {
    const [etcd, apiserver, vault] = await Promise.all([
      ensureBinary('etcd'),
      ensureBinary('kube-apiserver'),
      ensureBinary('vault'),
    ]);
    const pki = await generatePki();
    const files = await writePki(join(dir, 'pki'), pki);
    const [etcdPort, peerPort, apiPort, vaultPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePortPair(),
    ];
    const daemon = (name: string, binary: string, args: string[], env?: Record<string, string>) => {
      const pid = startDaemon(binary, args, { logFile: join(dir, `${name}.log`), env });
      const proc = { name, pid, binary, logFile: join(dir, `${name}.log`) };
      started.push(proc);
      onStarted(proc);
    };
    const target = { server: `https://${LOOPBACK}:${apiPort}`, ca: pki.caCert };
    const kube = async () => {
      daemon('etcd', etcd, etcdArgs(join(dir, 'etcd'), etcdPort, peerPort));
      await until(
        async () => (await request(`http://${LOOPBACK}:${etcdPort}/health`, { timeoutMs: 2000 })).status === 200,
        'etcd',
      );
      daemon(
        'kube-apiserver',
        apiserver,
        apiServerArgs({ etcdPort, port: apiPort, pki: files, certDir: join(dir, 'apiserver') }),
      );
      const readyz = {
        method: 'GET' as const,
        path: '/readyz',
        cert: pki.adminCert,
        key: pki.adminKey,
        timeoutMs: 2000,
      };
      await until(async () => (await rawRequest(target, readyz)).status === 200, 'kube-apiserver');
    };
    const vaultUp = async () => {
      daemon('vault', vault, vaultDevArgs(vaultPort, 'floor-root'), { HOME: dir });
      await until(
        async () =>
          (await request(`http://${LOOPBACK}:${vaultPort}/v1/sys/health`, { timeoutMs: 2000 })).status === 200,
        'vault',
      );
    };
    return (await timed(() => Promise.all([kube(), vaultUp()]))).ms;
  } finally {
    await Promise.all(started.map((proc) => stop(proc)));
    rmSync(dir, { recursive: true, force: true });
  }
}
