// Shared by integration tests: the running lab, clients for it, and names unique to this run.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';
import { readKubeCa, readState, type LabState } from '../src/backends/state.js';
import { Kube } from '../src/kube/kube-client.js';
import { repoRoot } from '../src/paths.js';
import { VaultClient } from '../src/vault/vault-client.js';

export function lab(): { state: LabState; kube: Kube; vault: VaultClient; target: { server: string; ca: string } } {
  const state = readState();
  if (!state) throw new Error('the global setup did not start the lab (no .lab/state.json)');
  return {
    state,
    kube: Kube.fromFile(state.kubeconfig),
    vault: new VaultClient(state.vault.addr, state.vault.token),
    target: { server: state.kubeServer, ca: readKubeCa(state) },
  };
}

/** A DNS-1123 name no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Runs the lab's CLI as a learner does (`npm run lab -- ARGS`), in a state directory of its own; never rejects. */
export function labCli(stateDir: string, args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    env: { LAB_STATE_DIR: stateDir, NO_COLOR: '1', ...env },
    reject: false,
    all: true,
  });
}
