// `up`: start the API server (kind or local) and a dev Vault, record them, and say what to do next.
import { KIND_VERSION } from '../binaries/versions.js';
import { LabError, describe } from '../errors.js';
import { daemonAnswers } from '../docker/docker.js';
import { probe } from '../exec.js';
import type { Progress } from '../output/progress.js';
import { startLocal } from '../backends/local.js';
import type { ExistingOptions } from '../backends/existing.js';
import type { ManagedProcess } from '../processes.js';
import { readState, writeState, type BackendName, type LabState } from '../backends/state.js';
import { startVault } from '../vault/server.js';
import { NOTEBOOK_MOUNTS } from './names.js';
import { health } from './status.js';
import { linkTerminalTools } from './tools.js';
import { teardown, whatRuns } from './teardown.js';

/** True when a Docker daemon answers and kind is installed: then kind is the default backend. */
export async function kindAvailable(): Promise<{ docker: boolean; kind: boolean }> {
  const [docker, kind] = await Promise.all([daemonAnswers(), probe('kind', ['version'], 8000)]);
  return { docker, kind: kind.ok };
}

export async function chooseBackend(requested: BackendName | undefined): Promise<BackendName> {
  if (requested === 'local' || requested === 'existing') return requested;
  const { docker, kind } = await kindAvailable();
  if (requested === 'kind') {
    if (!docker) throw new LabError('--backend kind needs a running Docker daemon, and `docker info` did not answer.', 'start Docker, or use --backend local');
    if (!kind) throw new LabError('--backend kind needs the kind CLI, and it is not on PATH.', `install kind (go install sigs.k8s.io/kind@${KIND_VERSION}), or use --backend local`);
    return 'kind';
  }
  return docker && kind ? 'kind' : 'local';
}

export interface UpResult {
  state: LabState;
  alreadyRunning: boolean;
}

export interface UpOptions {
  backend?: BackendName;
  /** Fixed ports, for workshops whose slides name them; free ports are chosen otherwise. */
  apiPort?: number;
  vaultPort?: number;
  /** --backend existing: the context, Vault and guard flags, or an env bundle. */
  existing?: ExistingOptions;
}

/** The kind backend loads client-node (a second), so a local `up` never loads it. */
async function startKindBackend(...args: Parameters<typeof import('../backends/kind.js').startKind>) {
  return (await import('../backends/kind.js')).startKind(...args);
}

/** The existing backend reads kubeconfigs with client-node (half a second to load), so it too loads on use. */
async function connectExisting(options: ExistingOptions) {
  return (await import('../backends/existing.js')).connectExisting({ ...options, vaultMounts: NOTEBOOK_MOUNTS });
}

/** A reporter for work that runs beside another step: it times each step and prints them all when asked. */
function afterwards(progress: Progress): Pick<Progress, 'step'> & { print(): void } {
  const done: { title: string; ms: number }[] = [];
  return {
    async step(title, work) {
      const started = Date.now();
      const result = await work(() => undefined);
      done.push({ title, ms: Date.now() - started });
      return result;
    },
    print: () => done.splice(0).forEach(({ title, ms }) => progress.recordStep(title, ms)),
  };
}

/** Idempotent: a lab that is up is left alone; one that crashed is cleaned away first. */
export async function up(progress: Progress, options: UpOptions = {}): Promise<UpResult> {
  const requested = options.backend;
  const existing = readState();
  if (existing) {
    const report = await health(existing);
    if (report.every((c) => c.ok)) {
      if (requested && requested !== existing.backend) {
        throw new LabError(`The lab is already running on the ${existing.backend} backend.`, `run \`npm run lab -- down\` first to switch to ${requested}`);
      }
      return { state: existing, alreadyRunning: true };
    }
    progress.warn(`A previous lab stopped uncleanly (${report.filter((c) => !c.ok).map((c) => c.name).join(', ')} down); cleaning it up first.`);
    await teardown(existing);
  }

  const backend = await chooseBackend(requested);
  if (backend === 'existing') {
    const state = await connectExisting(options.existing ?? {});
    writeState(state);
    return { state, alreadyRunning: false };
  }
  // Kept apart while both start, so the state lists them in the same order on every run.
  const kubeStarted: ManagedProcess[] = [];
  const vaultStarted: ManagedProcess[] = [];
  const started = () => [...kubeStarted, ...vaultStarted];
  let kindCluster: string | undefined;
  let kindNetwork: string | undefined;
  try {
    // Vault needs nothing from the API server to start, so it starts beside it; its steps print afterwards.
    const vaultSteps = afterwards(progress);
    const [kubeStart, vaultStart] = await Promise.allSettled([
      backend === 'local'
        ? startLocal(progress, kubeStarted, options.apiPort)
        : startKindBackend(
            progress,
            (marker) => {
              kindCluster = marker.cluster;
              kindNetwork = marker.network;
            },
            options.apiPort,
          ),
      startVault(vaultSteps, vaultStarted, options.vaultPort),
    ]);
    vaultSteps.print();
    if (kubeStart.status === 'rejected') throw kubeStart.reason;
    if (vaultStart.status === 'rejected') throw vaultStart.reason;
    const [kube, vault] = [kubeStart.value, vaultStart.value];
    await linkTerminalTools(progress);
    const state: LabState = {
      backend,
      startedAt: new Date().toISOString(),
      ...kube,
      vault,
      kindCluster,
      kindNetwork,
      processes: started(),
    };
    writeState(state);
    return { state, alreadyRunning: false };
  } catch (error) {
    const made = { processes: started(), kindCluster, kindNetwork };
    progress.warn(`Start-up failed; stopping what was started (${whatRuns(made).join(', ') || 'nothing yet'}).`);
    await teardown(made, { keepLogs: true }).catch((cleanup) => {
      // The record of what was made stays in .lab/, so a later `down` can finish the job.
      progress.warn(`${describe(cleanup)}\nOnce that is fixed, \`npm run lab -- down\` removes the rest (${whatRuns(made).join(', ')}).`);
    });
    throw error;
  }
}
