// Vault in dev mode: in-memory, unsealed, one root token the lab generates, listening on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureBinary } from '../binaries/binaries.js';
import type { Steps } from '../output/steps.js';
import { labDir } from '../paths.js';
import { LOOPBACK, freePortPair, requireFreePort } from '../ports.js';
import { launch, waitUntilReady, type ManagedProcess } from '../processes.js';
import { VaultClient } from './vault-client.js';

/** Where Vault runs: a process on this machine, or a pod in the lab's kind cluster (`up --vault in-cluster`). */
export type VaultPlace = 'host' | 'in-cluster';

export interface VaultEndpoint {
  addr: string;
  token: string;
  logFile: string;
  auditFile: string;
  /** Absent for the host. */
  place?: VaultPlace;
  /** The one unseal key of a Vault with storage, which a restarted pod needs (`vault operator unseal`). */
  unsealKey?: string;
  /** Vault in a pod: how it reaches the API server, and its own account with the binding the chart gives it. */
  pod?: VaultPod;
}

export interface VaultPod {
  /** The pod Vault runs in (`kubectl -n NS logs NAME` shows Vault's log). */
  podRef: { namespace: string; name: string };
  /** The API server's address from inside the cluster (Vault's kubernetes_host). */
  kubernetesHost: string;
  /** The account Vault runs as, whose token it reviews with when token_reviewer_jwt is empty. */
  serviceAccount: { namespace: string; name: string };
  /** The ClusterRoleBinding of that account to system:auth-delegator. */
  binding: string;
}

/** A fresh root token per run, so a token from an old lab never works against a new one. */
export function newRootToken(): string {
  return `lab-root-${randomBytes(12).toString('hex')}`;
}

export function vaultDevArgs(port: number, token: string): string[] {
  // The dev server also opens its cluster listener on port+1, on the same loopback address.
  return [
    'server',
    '-dev',
    `-dev-listen-address=${LOOPBACK}:${port}`,
    `-dev-root-token-id=${token}`,
    '-dev-no-store-token',
    '-log-level=debug',
  ];
}

/** Starts `vault server -dev` and waits until /v1/sys/health says it is initialised and unsealed. */
export async function startVault(
  progress: Pick<Steps, 'step'>,
  started: ManagedProcess[],
  fixedPort?: number,
): Promise<VaultEndpoint> {
  if (fixedPort) {
    await requireFreePort(fixedPort, 'Vault');
    await requireFreePort(fixedPort + 1, "Vault's cluster listener");
  }
  const vault = await progress.step('Finding the vault binary', () => ensureBinary('vault'));
  const port = fixedPort ?? (await freePortPair());
  const token = newRootToken();
  const addr = `http://${LOOPBACK}:${port}`;
  const logFile = join(labDir(), 'logs', 'vault.log');
  await progress.step(`Starting Vault (dev mode) on ${addr}`, async () => {
    const proc = launch('vault', vault, vaultDevArgs(port, token), logFile, port, { VAULT_ADDR: addr, HOME: labDir() });
    started.push(proc);
    await waitUntilReady(
      proc,
      async () => (await new VaultClient(addr).health()).status === 200,
      30_000,
      'Vault /v1/sys/health',
    );
  });
  return { addr, token, logFile, auditFile: join(labDir(), 'logs', 'vault-audit.log') };
}
