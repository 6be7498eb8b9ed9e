// What each server binary is built from: its Go module, version, main packages and linker flags
// (gobuild.ts builds them).
import { ETCD_VERSION, KUBERNETES_VERSION, VAULT_VERSION, stagingVersion, type BinaryName } from './versions.js';

export interface Recipe {
  /** Names the build directory; binaries with the same key share one wrapper module. */
  key: string;
  module: string;
  version: string;
  localVersion?: string;
  /** The main package of every binary built from this module, by binary name. */
  packages: Readonly<Record<string, string>>;
  /** Linker flags, given the module's publication time from the Go proxy. */
  ldflags: (moduleTime: string) => string[];
}

const [major, minor] = KUBERNETES_VERSION.replace(/^v/, '').split('.');
const K8S_VERSION_PKG = 'k8s.io/component-base/version';

/**
 * The lab's servers and kubectl from k8s.io/kubernetes; the kind node image builds its other binaries with the same
 * flags.
 */
export const KUBERNETES_RECIPE: Recipe = {
  key: 'kubernetes',
  module: 'k8s.io/kubernetes',
  version: KUBERNETES_VERSION,
  localVersion: stagingVersion(KUBERNETES_VERSION),
  packages: {
    'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver',
    'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager',
    kubectl: 'k8s.io/kubernetes/cmd/kubectl',
  },
  // Without these, --version prints v0.0.0-master; with them it prints what `make` would.
  ldflags: (time) => [
    `-X ${K8S_VERSION_PKG}.gitVersion=${KUBERNETES_VERSION}`,
    `-X ${K8S_VERSION_PKG}.gitMajor=${major}`,
    `-X ${K8S_VERSION_PKG}.gitMinor=${minor}`,
    `-X ${K8S_VERSION_PKG}.gitTreeState=clean`,
    `-X ${K8S_VERSION_PKG}.buildDate=${time}`,
  ],
};

export const RECIPES: Readonly<Record<BinaryName, Recipe>> = {
  'kube-apiserver': KUBERNETES_RECIPE,
  'kube-controller-manager': KUBERNETES_RECIPE,
  kubectl: KUBERNETES_RECIPE,
  etcd: {
    key: 'etcd',
    module: 'go.etcd.io/etcd/server/v3',
    version: ETCD_VERSION,
    packages: { etcd: 'go.etcd.io/etcd/server/v3' },
    ldflags: () => [],
  },
  vault: {
    key: 'vault',
    module: 'github.com/hashicorp/vault',
    version: VAULT_VERSION,
    packages: { vault: 'github.com/hashicorp/vault' },
    ldflags: (time) => [`-X github.com/hashicorp/vault/version.BuildDate=${time}`],
  },
};
