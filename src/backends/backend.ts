// The one interface every backend implements, as kind's providers (docker, podman, nerdctl) implement one:
// `up`, `down`, `status`, the notebooks' session and the doctor call it and never ask which backend runs.
// Where Vault runs is a second, smaller interface of the same kind (VaultHost), so a backend can offer
// more than one place for it.
import type { Check } from '../check.js';
import type { Steps } from '../output/steps.js';
import type { ManagedProcess } from '../processes.js';
import type { VaultEndpoint, VaultPlace } from '../vault/dev-server.js';
import type { BackendName, BackendRecord, LabState, Offers } from './state.js';

export type { BackendRecord, Offers };

/** Where the learner, Vault and curl reach the API server a backend started or was given. */
export interface KubeEndpoint {
  kubeconfig: string;
  kubeServer: string;
  kubeCaFile: string;
}

export interface SigningKey {
  pem: string;
  /** Where it came from, as a command a reader could repeat. */
  source: string;
}

/** The flags of `up` a backend may read. */
export interface StartOptions {
  /** Fixed ports, for workshops whose slides name them; free ports are chosen otherwise. */
  apiPort?: number;
  vaultPort?: number;
  /** Where Vault runs: on this machine (the default), or as a pod in the cluster (kind only). */
  vault?: VaultPlace;
  /** --backend existing: an env bundle, or a context with the guard's flags and a Vault address and token. */
  existing?: {
    env?: string;
    kubeconfig?: string;
    context?: string;
    allowContext?: string;
    prefix?: string;
    vaultAddr?: string;
    vaultToken?: string;
    /**
     * The auth mounts the notebooks write and disable, by their names without a prefix (for the Vault guard's
     * refusal).
     */
    vaultMounts?: readonly string[];
  };
}

export interface StartContext {
  progress: Pick<Steps, 'step'>;
  /** Every process a start launches goes here at once, so a failed `up` can stop it. */
  started: ManagedProcess[];
  /**
   * Called as soon as a backend has made something beyond processes (kind's cluster), so a failed `up` removes it.
   */
  made(record: BackendRecord): void;
  options: StartOptions;
}

/** What a backend's start hands back, besides the processes in StartContext.started. */
export interface Started extends KubeEndpoint {
  record?: BackendRecord;
  /** The image for notebook 02's pod, where the backend runs pods and was given one (kind, LAB_POD_IMAGE). */
  podImage?: string;
  /** The learner's prefix, where the backend is shared (existing). */
  prefix?: string;
  /** Where this machine reaches a Vault in the cluster, when the start published a port for one. */
  vaultAddr?: string;
}

/** Where Vault runs: a dev server this machine starts, a pod in the cluster, or one the lab is given. */
export interface VaultHost {
  /** `cluster` settles when the backend's own start does; only a Vault inside the cluster waits for it. */
  start(ctx: StartContext, cluster: Promise<Started>): Promise<VaultEndpoint>;
  /** Brings back what a running lab's Vault lost without the lab (a restarted pod is sealed); most have nothing. */
  recover?(state: LabState): Promise<void>;
}

export interface Backend {
  readonly name: BackendName;
  /** Why this backend cannot start here, as a refusal with its fix; undefined when it can. */
  unavailable(): Promise<{ problem: string; fix: string } | undefined>;
  /** Starts the API server (or connects to one someone else runs). */
  start(ctx: StartContext): Promise<Started>;
  /** Where Vault runs beside this backend; throws a refusal with its fix for a place it does not offer. */
  vaultHost(options: Pick<StartOptions, 'vault' | 'existing'>): VaultHost;
  /** Removes what a start made besides its processes, which the caller stops. */
  stop(record: BackendRecord | undefined): Promise<void>;
  /** What stop removes, as `down` names it: `kind cluster auth-delegator-lab`. */
  describe(record: BackendRecord | undefined): string[];
  /** What a start that died before `up` wrote the state left a record of (kind's marker), for `down`. */
  leftover(): BackendRecord | undefined;
  /**
   * The service-account signing key notebook 05 re-signs a token with; throws with the reason where it cannot be
   * read.
   */
  signingKey(state: Pick<LabState, 'kubeCaFile' | 'record'>): Promise<SigningKey>;
  readonly offers: Offers;
  /** What `doctor` checks for this backend. */
  readonly checks: readonly Check[];
}
