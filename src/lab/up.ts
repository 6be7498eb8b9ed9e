// `up`: start the API server (or connect to one) and Vault through the chosen backend, record them, and say
// what to do next. Nothing here asks which backend it is: each answers the same interface (backends/backend.ts).
import type { BackendRecord, StartOptions } from '../backends/backend.js';
import { backendOf, chooseBackend } from '../backends/registry.js';
import { readState, writeState, type BackendName, type LabState } from '../backends/state.js';
import { LabError, describe } from '../errors.js';
import type { Steps } from '../output/steps.js';
import type { ManagedProcess } from '../processes.js';
import { NOTEBOOK_MOUNTS } from './names.js';
import { health } from './status.js';
import { teardown, whatRuns } from './teardown.js';
import { linkTerminalTools } from './tools.js';

export interface UpResult {
  state: LabState;
  alreadyRunning: boolean;
}

export interface UpOptions extends StartOptions {
  backend?: BackendName;
}

/** A reporter for work that runs beside another step: it times each step and prints them all when asked. */
function afterwards(progress: Steps): Pick<Steps, 'step'> & { print(): void } {
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

/** Refuses to reuse a running lab whose backend, or Vault's place, is not the one asked for. */
function sameLab(existing: LabState, options: UpOptions): void {
  const asked = options.backend ?? existing.backend;
  const place = existing.vault.place ?? 'host';
  if (asked === existing.backend && (options.vault ?? place) === place) return;
  const running = `the ${existing.backend} backend${place === 'host' ? '' : ` with Vault ${place}`}`;
  throw new LabError(
    `The lab is already running on ${running}.`,
    `run \`npm run lab -- down\` first to switch to ${asked}${options.vault ? ` with --vault ${options.vault}` : ''}`,
  );
}

/** A lab already up is reused (unless another backend is asked for); one that crashed is cleaned away first. */
async function running(progress: Steps, options: UpOptions): Promise<LabState | undefined> {
  const existing = readState();
  if (!existing) return undefined;
  // A recovery that fails leaves Vault down, and the health check below says so.
  await recoverVault(existing).catch(() => undefined);
  const report = await health(existing);
  if (report.every((c) => c.ok)) {
    sameLab(existing, options);
    return existing;
  }
  progress.warn(
    `A previous lab stopped uncleanly (${report
      .filter((c) => !c.ok)
      .map((c) => c.name)
      .join(', ')} down); cleaning it up first.`,
  );
  await teardown(existing);
  return undefined;
}

/** Lets the running lab's Vault host bring back what Vault lost without the lab (kind: unseal a restarted pod). */
async function recoverVault(state: LabState): Promise<void> {
  await backendOf(state.backend).vaultHost({ vault: state.vault.place }).recover?.(state);
}

/** Idempotent: a lab that is up is left alone; one that crashed is cleaned away first. */
export async function up(progress: Steps, options: UpOptions = {}): Promise<UpResult> {
  const reused = await running(progress, options);
  if (reused) return { state: reused, alreadyRunning: true };
  const backend = await chooseBackend(options.backend);
  const startOptions: StartOptions = {
    ...options,
    existing: options.existing && { ...options.existing, vaultMounts: NOTEBOOK_MOUNTS },
  };
  // Before anything starts, so a place the backend does not offer is refused with nothing to undo.
  const vaultHost = backend.vaultHost(startOptions);
  // Kept apart while both start, so the state lists them in the same order on every run.
  const kubeStarted: ManagedProcess[] = [];
  const vaultStarted: ManagedProcess[] = [];
  let record: BackendRecord | undefined;
  const made = () => ({ backend: backend.name, processes: [...kubeStarted, ...vaultStarted], record });
  try {
    // Vault needs nothing from the API server to start, so it starts beside it; its steps print afterwards.
    const vaultSteps = afterwards(progress);
    const remember = (r: BackendRecord) => {
      record = r;
    };
    const cluster = backend.start({ progress, started: kubeStarted, made: remember, options: startOptions });
    const [kubeStart, vaultStart] = await Promise.allSettled([
      cluster,
      vaultHost.start({ progress: vaultSteps, started: vaultStarted, made: remember, options: startOptions }, cluster),
    ]);
    vaultSteps.print();
    if (kubeStart.status === 'rejected') throw kubeStart.reason;
    if (vaultStart.status === 'rejected') throw vaultStart.reason;
    const { record: started, podImage, prefix, vaultAddr: _, ...endpoint } = kubeStart.value;
    record = started ?? record;
    await linkTerminalTools(progress);
    const state: LabState = {
      backend: backend.name,
      startedAt: new Date().toISOString(),
      ...endpoint,
      vault: vaultStart.value,
      processes: made().processes,
      podImage,
      prefix,
      record,
    };
    writeState(state);
    return { state, alreadyRunning: false };
  } catch (error) {
    const what = made();
    if (what.processes.length > 0 || what.record)
      progress.warn(`Start-up failed; stopping what was started (${whatRuns(what).join(', ')}).`);
    await teardown(what, { keepLogs: true }).catch((cleanup) => {
      // The record of what was made stays in .lab/, so a later `down` can finish the job.
      progress.warn(
        `${describe(cleanup)}\nOnce that is fixed, \`npm run lab -- down\` removes the rest ` +
          `(${whatRuns(what).join(', ')}).`,
      );
    });
    throw error;
  }
}
