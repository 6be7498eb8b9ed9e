// The lab's one door to the kind CLI: typed calls, parsed answers, and failures that say what to do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND_VERSION } from '../binaries/versions.js';
import { CommandError, LabError, shellQuote } from '../errors.js';
import { run, type RunResult } from '../exec.js';
import { Document } from 'yaml';

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

export const INSTALL_FIX =
  `install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (or \`go install sigs.k8s.io/kind@${KIND_VERSION}\`)`;

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

/**
 * Refuses a kind older than the pinned release's minor version: the lab's cluster config (kubeadm patches
 * for cgroup v1 hosts) and its node image follow that release. A newer kind is fine.
 */
export function checkKindVersion(actual: string, pinned: string = KIND_VERSION): void {
  const parts = (v: string): [number, number] => {
    const [major = 0, minor = 0] = v.replace(/^v/, '').split(/[.-]/).map(Number);
    return [major, minor];
  };
  const [major, minor] = parts(actual);
  const [pinnedMajor, pinnedMinor] = parts(pinned);
  if (major < pinnedMajor || (major === pinnedMajor && minor < pinnedMinor)) {
    throw new LabError(
      `kind ${actual} is on PATH, and the lab needs kind v${pinnedMajor}.${pinnedMinor} or newer (it is tested with ${pinned}).`,
      `install kind ${pinned} (\`go install sigs.k8s.io/kind@${pinned}\`), or use --backend local`,
    );
  }
}

/** Reads `kind version` ("kind v0.30.0 go1.24.6 linux/amd64", or bare "0.30.0" with -q) as "v0.30.0". */
export function parseKindVersion(stdout: string): string {
  const match = /(?:^|\s)v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(?=\s|$)/.exec(stdout.trim());
  if (!match?.[1]) {
    throw new LabError(
      `Could not read a version from \`kind version\`: ${JSON.stringify(stdout.trim())}`,
      'check that the `kind` on PATH is kubernetes-sigs/kind (`command -v kind`)',
    );
  }
  return `v${match[1]}`;
}

/**
 * Lets a node run on a cgroup v1 host: kubelet 1.35+ refuses cgroup v1 unless failCgroupV1 is false, and
 * kube-proxy must leave the host-wide nf_conntrack_max alone (a node cannot write it). kind matches each
 * patch by apiVersion and kind.
 */
const KUBEADM_CONFIG_PATCHES = [
  ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', 'failCgroupV1: false', ''].join('\n'),
  ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'conntrack:', '  maxPerCore: 0', ''].join('\n'),
];

/** The lab's cluster config: the API server listens on loopback only, so the lab never exposes it. */
export function labClusterConfig(opts: { apiServerPort?: number } = {}): string {
  const { apiServerPort } = opts;
  if (apiServerPort !== undefined && !(Number.isInteger(apiServerPort) && apiServerPort >= 0 && apiServerPort <= 65535)) {
    throw new LabError(`apiServerPort must be a port number, got ${apiServerPort}`, 'pick a free port such as 6443, or 0 for a random one');
  }
  const doc = new Document({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    networking: { apiServerAddress: '127.0.0.1', ...(apiServerPort !== undefined ? { apiServerPort } : {}) },
    kubeadmConfigPatches: KUBEADM_CONFIG_PATCHES,
  });
  doc.commentBefore = ' kind cluster for the auth-delegator lab: the API server listens on loopback only.';
  return doc.toString();
}

/** Names the one fix for a failed kind command, from what kind printed. */
export function kindCommandFix(argv: readonly string[], stderr: string): string {
  if (/\bENOENT\b|command not found/i.test(stderr)) return INSTALL_FIX;
  if (/permission denied while trying to connect to the docker/i.test(stderr)) {
    return 'let your user reach Docker (`sudo usermod -aG docker $USER`, then log in again), or use --backend local';
  }
  if (/Cannot connect to the Docker daemon|failed to connect to the docker API|Is the docker daemon running/i.test(stderr)) {
    return 'start Docker, or use --backend local';
  }
  if (/exec: "docker": executable file not found/i.test(stderr)) return 'install and start Docker, or use --backend local';
  const pull = /failed to pull image "([^"]+)"/.exec(stderr);
  if (pull) {
    return `the node image ${pull[1]} is not on this machine and could not be pulled: let Docker reach its registry, or build a node image with \`export $(npx tsx scripts/kind-node-image/main.ts)\`, which sets LAB_KIND_IMAGE and LAB_POD_IMAGE`;
  }
  const exists = /node\(s\) already exist for a cluster with the name "([^"]+)"/.exec(stderr);
  if (exists) {
    return `the cluster is left from an earlier run: \`npm run lab -- down\` or \`kind delete cluster --name ${exists[1]}\``;
  }
  return `rerun it with kind's full log to see which step failed: ${shellQuote([...argv, '--verbosity', '3'])}`;
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

  /** `kind load docker-image`: copies an image from the host's Docker into the nodes, for pods on a machine with no registry. */
  async loadImage(name: string, image: string): Promise<void> {
    await this.kind(['load', 'docker-image', image, '--name', name], { timeoutMs: 5 * QUICK_TIMEOUT_MS });
  }

  /** `kind get kubeconfig`: the host-facing address, or with internal the one other containers reach. */
  async kubeconfig(name: string, opts: { internal?: boolean } = {}): Promise<string> {
    const args = ['get', 'kubeconfig', '--name', name, ...(opts.internal ? ['--internal'] : [])];
    const { stdout } = await this.kind(args, { timeoutMs: QUICK_TIMEOUT_MS });
    return `${stdout}\n`;
  }

  private async kind(args: string[], options: { timeoutMs?: number; onLine?: (line: string) => void }): Promise<RunResult> {
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
