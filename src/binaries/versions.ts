// The one place the lab pins its server versions and names where each one comes from.

export type BinaryName = 'kube-apiserver' | 'kube-controller-manager' | 'etcd' | 'vault' | 'kubectl';

/** The servers the lab runs as processes (what `down` looks for), the datastore first, Vault last. */
export const SERVER_NAMES: readonly BinaryName[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'vault'];

/** In the order ensureAllBinaries provisions them: the servers, then kubectl for the terminal (`source .lab/env`). */
export const BINARY_NAMES: readonly BinaryName[] = [...SERVER_NAMES, 'kubectl'];

/** kube-apiserver, kube-controller-manager and kubectl. */
export const KUBERNETES_VERSION = 'v1.36.3';
/** The etcd that k8s.io/kubernetes v1.36.3's go.mod requires. */
export const ETCD_VERSION = 'v3.6.8';
/**
 * v1.21.1, not the newer v1.21.2-v1.21.4: Vault builds against the sdk inside its own repository, and on the
 * release/1.21.x branch that sdk drifted from every published github.com/hashicorp/vault/sdk version after
 * v1.21.1 (v1.21.4 needs the old ActivationFunc signature but the new RestorePolicy and observation APIs), so
 * later patch releases cannot be built from the Go module proxy. The download route fetches the same version.
 */
export const VAULT_VERSION = 'v1.21.1';
/** kind, for the kind backend; .ci/setup-kind-host reads this line to build it from its Go module. */
export const KIND_VERSION = 'v0.33.0';

/** The version the lab was written and tested against, per binary. */
export const VERSIONS: Readonly<Record<BinaryName, string>> = {
  'kube-apiserver': KUBERNETES_VERSION,
  'kube-controller-manager': KUBERNETES_VERSION,
  etcd: ETCD_VERSION,
  vault: VAULT_VERSION,
  kubectl: KUBERNETES_VERSION,
};

/** An explicit path in this variable beats PATH and the cache. */
export const ENV_VARS: Readonly<Record<BinaryName, string>> = {
  'kube-apiserver': 'LAB_KUBE_APISERVER',
  'kube-controller-manager': 'LAB_KUBE_CONTROLLER_MANAGER',
  etcd: 'LAB_ETCD',
  vault: 'LAB_VAULT',
  kubectl: 'LAB_KUBECTL',
};

/**
 * Whether a binary on PATH is taken. kubectl is not: most machines have one of another version, and the lab's
 * terminal path needs its own (`.lab/env` puts it first on PATH), so only LAB_KUBECTL and the cache count.
 */
export const SEARCH_PATH: Readonly<Record<BinaryName, boolean>> = {
  'kube-apiserver': true,
  'kube-controller-manager': true,
  etcd: true,
  vault: true,
  kubectl: false,
};

/** How each binary is asked for its version. */
export const VERSION_ARGS: Readonly<Record<BinaryName, readonly string[]>> = {
  'kube-apiserver': ['--version'],
  'kube-controller-manager': ['--version'],
  etcd: ['--version'],
  vault: ['version'],
  kubectl: ['version', '--client'],
};

const VERSION_PATTERNS: Readonly<Record<BinaryName, RegExp>> = {
  'kube-apiserver': /Kubernetes v?(\d+\.\d+\.\d+[-+.\w]*)/,
  'kube-controller-manager': /Kubernetes v?(\d+\.\d+\.\d+[-+.\w]*)/,
  etcd: /etcd Version: v?(\d+\.\d+\.\d+[-+.\w]*)/,
  vault: /Vault v?(\d+\.\d+\.\d+[-+.\w]*)/,
  kubectl: /Client Version: v?(\d+\.\d+\.\d+[-+.\w]*)/,
};

/**
 * Reads "v1.36.3" out of `kube-apiserver --version`, `etcd --version`, `vault version` or `kubectl version --client`.
 */
export function parseBinaryVersion(name: BinaryName, output: string): string | undefined {
  const match = VERSION_PATTERNS[name].exec(output);
  return match?.[1] ? `v${match[1]}` : undefined;
}

/** Kubernetes publishes its staging modules (k8s.io/api, ...) as v0.MINOR.PATCH of the release. */
export function stagingVersion(kubernetesVersion: string): string {
  return kubernetesVersion.replace(/^v1\./, 'v0.');
}

/** The machine as release archives name it, or undefined where no archive is published. */
export function releasePlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): { os: 'linux' | 'darwin'; arch: 'amd64' | 'arm64' } | undefined {
  const os = platform === 'linux' || platform === 'darwin' ? platform : undefined;
  const goArch = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : undefined;
  return os && goArch ? { os, arch: goArch } : undefined;
}

const bare = (version: string) => version.replace(/^v/, '');

/** Where prebuilt binaries come from when the internet is reachable. */
/** Where HashiCorp publishes this Vault release: its archives and their checksums, named vault_VERSION_... */
const VAULT_RELEASE = `https://releases.hashicorp.com/vault/${bare(VAULT_VERSION)}/vault_${bare(VAULT_VERSION)}`;

export const URLS = {
  /** controller-tools' index of envtest archives (kube-apiserver, etcd, kubectl) with SHA-512 hashes. */
  envtestIndex: 'https://raw.githubusercontent.com/kubernetes-sigs/controller-tools/HEAD/envtest-releases.yaml',
  /** Official Kubernetes release binaries (linux only); `${url}.sha256` holds the checksum. */
  kubernetesBinary: (name: string, os: string, arch: string) =>
    `https://dl.k8s.io/release/${KUBERNETES_VERSION}/bin/${os}/${arch}/${name}`,
  vaultZip: (os: string, arch: string) => `${VAULT_RELEASE}_${os}_${arch}.zip`,
  vaultSha256Sums: `${VAULT_RELEASE}_SHA256SUMS`,
} as const;
