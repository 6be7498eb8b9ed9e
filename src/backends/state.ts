// What `up` started, written to .lab/state.json so `down`, `status` and the notebooks can find it.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError, shellQuote } from '../errors.js';
import { labDir } from '../paths.js';
import type { ManagedProcess } from '../processes.js';
import type { VaultEndpoint } from '../vault/dev-server.js';

/** kind and local start servers; existing uses a cluster and Vault someone else runs (a workshop's host). */
export type BackendName = 'kind' | 'local' | 'existing';
export const BACKENDS: readonly BackendName[] = ['kind', 'local', 'existing'];

/** What only a lab that runs its own servers offers the notebooks; false on a shared cluster and Vault. */
export interface Offers {
  /** The API server's service-account signing key (notebook 05's expired token). */
  signingKey: boolean;
  /** Vault's server log, where the kubernetes auth plugin writes why it refused a login. */
  vaultLog: boolean;
  /** A file audit device: enabling one needs `sudo` on sys/audit, which a learner's token lacks. */
  audit: boolean;
  /** The TokenReview tracer: Vault must reach this machine, which a shared Vault elsewhere cannot. */
  trace: boolean;
}

/** What a backend keeps in the state beside the common part, to stop what it made: kind's cluster and network. */
export type BackendRecord = Readonly<Record<string, string>>;

/** The common part of every lab's state, and the backend's own record beside it. */
export interface LabState {
  backend: BackendName;
  startedAt: string;
  /** Admin kubeconfig for the learner and the notebooks. */
  kubeconfig: string;
  /** The API server URL as the host sees it (also what Vault is configured with). */
  kubeServer: string;
  /** PEM of the CA that signed the API server's serving certificate. */
  kubeCaFile: string;
  vault: VaultEndpoint;
  processes: ManagedProcess[];
  /** The image for notebook 02's pod, where the backend runs pods and loaded one (LAB_POD_IMAGE). */
  podImage?: string;
  /** The learner's prefix on a shared cluster and Vault (see lab/names.ts); absent or '' alone on a laptop. */
  prefix?: string;
  /** What only the backend reads back, to stop what it made (kind: its cluster and network). */
  record?: BackendRecord;
}

/** Where each backend's recordings go under recordings/: the local backend's at the top. */
export const RECORDINGS_SUBDIR: Readonly<Record<BackendName, string>> = {
  local: '',
  kind: 'kind',
  existing: 'existing',
};

export const statePath = () => join(labDir(), 'state.json');
export const envPath = () => join(labDir(), 'env');
/** kubectl and vault at the lab's pinned versions, linked by `up`; `.lab/env` puts this directory first on PATH. */
export const toolsDir = () => join(labDir(), 'bin');

/** A state.json that exists but cannot be read: the lab may still run, so this is not "no lab". */
export class CorruptStateError extends LabError {
  constructor(reason: string, cause?: unknown) {
    super(
      `${statePath()} cannot be read (${reason}), so the lab cannot tell what it started.`,
      "run `npm run lab -- down` (it stops the lab's processes without the file), then `npm run lab -- up`",
      { cause },
    );
  }
}

/** Reads the state of a running lab, or undefined when none was started; a corrupt file throws CorruptStateError. */
export function readState(): LabState | undefined {
  if (!existsSync(statePath())) return undefined;
  let state: Partial<LabState>;
  try {
    state = JSON.parse(readFileSync(statePath(), 'utf8')) as Partial<LabState>;
  } catch (error) {
    throw new CorruptStateError(error instanceof Error ? error.message : String(error), error);
  }
  if (
    typeof state !== 'object' ||
    state === null ||
    !Array.isArray(state.processes) ||
    !state.vault ||
    !state.kubeServer
  ) {
    throw new CorruptStateError('it is valid JSON but lacks processes, vault or kubeServer');
  }
  return state as LabState;
}

/** Saves state with owner-only permissions: it names the Vault root token. */
export function writeState(state: LabState): void {
  mkdirSync(labDir(), { recursive: true });
  writeFileSync(statePath(), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(envPath(), envFile(state), { mode: 0o600 });
}

/**
 * The shell lines behind `source .lab/env`, so kubectl, curl and vault reach the lab (the lab's own kubectl and vault
 * first on PATH).
 */
export function envFile(state: LabState): string {
  const q = (value: string) => shellQuote([value]);
  return [
    '# Written by `npm run lab -- up`; use it with: source .lab/env',
    `export LAB_BACKEND=${q(state.backend)}`,
    ...(state.prefix ? [`export LAB_PREFIX=${q(state.prefix)}`] : []),
    `export KUBECONFIG=${q(state.kubeconfig)}`,
    `export KUBE_API=${q(state.kubeServer)}`,
    `export KUBE_CA=${q(state.kubeCaFile)}`,
    `export VAULT_ADDR=${q(state.vault.addr)}`,
    `export VAULT_TOKEN=${q(state.vault.token)}`,
    `export PATH=${q(toolsDir())}:"$PATH"`,
    '',
  ].join('\n');
}

/** The CA the API server presents, for Vault's kubernetes_ca_cert, curl --cacert and the notebooks. */
export function readKubeCa(state: LabState): string {
  return readFileSync(state.kubeCaFile, 'utf8');
}

/**
 * Removes everything `up` wrote; the next `up` starts clean. A failed `up` keeps logs/ so its error can point there.
 */
export function clearState(opts: { keepLogs?: boolean } = {}): void {
  if (!opts.keepLogs) {
    rmSync(labDir(), { recursive: true, force: true });
    return;
  }
  if (!existsSync(labDir())) return;
  for (const entry of readdirSync(labDir()))
    if (entry !== 'logs') rmSync(join(labDir(), entry), { recursive: true, force: true });
}
