// The lab's one door to the kind CLI: typed calls, parsed answers, and failures that say what to do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError, LabError } from '../errors.js';
import { run, type RunResult } from '../exec.js';
import { kindCommandFix } from './fix.js';
import { parseKindVersion } from './version.js';

export interface KindCluster {
  name: string;
}

export interface CreateOptions {
  name: string;
  /** kind cluster config as YAML text; written to a temp file and passed with --config. */
  config?: string;
  /** Node image, e.g. kindest/node:v1.34.0; kind's default when absent. */
  image?: string;
  /** How long kind waits for the control plane to be Ready, as a Go duration: 60s, 2m. */
  wait?: string;
  /** Where kind writes the cluster's kubeconfig instead of $KUBECONFIG or ~/.kube/config. */
  kubeconfigPath?: string;
  /** Receives kind's progress lines (" ✓ Preparing nodes 📦") as they arrive. */
  onLine?: (line: string) => void;
}

export interface CreateArgsOptions extends Omit<CreateOptions, 'config' | 'onLine'> {
  /** Path of a kind config file already on disk. */
  configPath?: string;
}

const QUICK_TIMEOUT_MS = 60_000;
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Builds `kind create cluster` argv in one place, so tests can check it without running kind. */
export function createArgs(opts: CreateArgsOptions): string[] {
  checkWait(opts.wait);
  const args = ['create', 'cluster', '--name', opts.name];
  if (opts.configPath !== undefined) args.push('--config', opts.configPath);
  if (opts.image !== undefined) args.push('--image', opts.image);
  if (opts.wait !== undefined) args.push('--wait', opts.wait);
  if (opts.kubeconfigPath !== undefined) args.push('--kubeconfig', opts.kubeconfigPath);
  return args;
}

function checkWait(wait: string | undefined): void {
  if (wait !== undefined && !GO_DURATION.test(wait)) {
    throw new LabError(`kind --wait needs a Go duration, got "${wait}"`, 'give it a unit, e.g. wait: "60s" or "2m"');
  }
}

/** Reads `kind get clusters`: one name a line; kind says "No kind clusters found." when there are none. */
export function parseClusters(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== 'No kind clusters found.');
}

/** A typed `kind` CLI: each method is one kind command, and every failure carries its fix. */
export class Kind {
  private readonly binary: string;
  private readonly env: Record<string, string | undefined> | undefined;

  constructor(opts: { binary?: string; env?: Record<string, string | undefined> } = {}) {
    this.binary = opts.binary ?? 'kind';
    this.env = opts.env;
  }

  /** `kind version`, as "v0.30.0". */
  async version(): Promise<string> {
    const { stdout } = await this.kind(['version'], { timeoutMs: QUICK_TIMEOUT_MS });
    return parseKindVersion(stdout);
  }

  /** `kind get clusters`. */
  async listClusters(): Promise<string[]> {
    const { stdout } = await this.kind(['get', 'clusters'], { timeoutMs: QUICK_TIMEOUT_MS });
    return parseClusters(stdout);
  }

  /** Lets setup be idempotent: create only when the cluster is not there yet. */
  async exists(name: string): Promise<boolean> {
    return (await this.listClusters()).includes(name);
  }

  /** `kind create cluster`; a config is kept in its temp file when kind fails, so the printed command still runs. */
  async create(opts: CreateOptions): Promise<void> {
    const { config, onLine, ...flags } = opts;
    checkWait(flags.wait);
    const dir = config === undefined ? undefined : await mkdtemp(join(tmpdir(), 'kind-config-'));
    const configPath = dir === undefined ? undefined : join(dir, 'kind-config.yaml');
    if (configPath !== undefined) await writeFile(configPath, config ?? '', 'utf8');
    await this.kind(createArgs({ ...flags, configPath }), { onLine });
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }

  /** `kind delete cluster`; kind succeeds when the cluster is already gone. */
  async delete(name: string, opts: { kubeconfigPath?: string } = {}): Promise<void> {
    const args = ['delete', 'cluster', '--name', name];
    if (opts.kubeconfigPath !== undefined) args.push('--kubeconfig', opts.kubeconfigPath);
    await this.kind(args, { timeoutMs: 5 * QUICK_TIMEOUT_MS });
  }

  /**
   * `kind load docker-image`: copies an image from the host's Docker into the nodes, for pods on a machine with no
   * registry.
   */
  async loadImage(name: string, image: string): Promise<void> {
    await this.kind(['load', 'docker-image', image, '--name', name], { timeoutMs: 5 * QUICK_TIMEOUT_MS });
  }

  /** `kind get kubeconfig`: the host-facing address, or with internal the one other containers reach. */
  async kubeconfig(name: string, opts: { internal?: boolean } = {}): Promise<string> {
    const args = ['get', 'kubeconfig', '--name', name, ...(opts.internal ? ['--internal'] : [])];
    const { stdout } = await this.kind(args, { timeoutMs: QUICK_TIMEOUT_MS });
    return `${stdout}\n`;
  }

  private async kind(
    args: string[],
    options: { timeoutMs?: number; onLine?: (line: string) => void },
  ): Promise<RunResult> {
    try {
      return await run(this.binary, args, { env: this.env, ...options });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      throw new CommandError(error.argv, error.exitCode, error.stderr, kindCommandFix(error.argv, error.stderr), {
        cause: error.cause,
        problem: error.problem,
      });
    }
  }
}
